import type { Part, SourceDocument } from '../data/schema.ts';
import { t } from '../lib/i18n.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { formatIsoDate } from './card-model.ts';

/** Words at each end of a paragraph used for its text fragment: enough to be unique, short enough to survive edits. */
const FRAGMENT_WORDS = 5;

/**
 * Percent-encodes a text-fragment term: encodeURIComponent leaves `-` alone, but the
 * text-fragment syntax reserves it (with `,` and `&`, which encodeURIComponent already escapes).
 */
function fragmentTerm(words: string[]): string {
  return encodeURIComponent(words.join(' ')).replaceAll('-', '%2D');
}

/**
 * The original page of `doc` scrolled to `part` and highlighting it, with a text fragment
 * `#:~:text=<first words>,<last words>` (the whole part when it is short). Words are those with a
 * letter or digit, so opening guillemets and dashes, which the page may space differently, are
 * left out. Returns the bare page URL for a part without words.
 */
export function paragraphFragmentUrl(doc: SourceDocument, part: Part): string {
  const base = doc.url.split('#')[0] ?? doc.url;
  const words = part.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return base;
  if (words.length <= FRAGMENT_WORDS * 2) return `${base}#:~:text=${fragmentTerm(words)}`;
  const start = fragmentTerm(words.slice(0, FRAGMENT_WORDS));
  const end = fragmentTerm(words.slice(-FRAGMENT_WORDS));
  return `${base}#:~:text=${start},${end}`;
}

/**
 * A citation of paragraph `part` in `lang`'s conventions: publisher, title as printed, kind,
 * date, ¶ number and the original page's URL with the paragraph's text fragment.
 * A part without a number is cited by the document alone (no ¶).
 */
export function citationText(doc: SourceDocument, part: Part, lang: UiLang): string {
  const text = t(
    'statementCitation',
    lang,
    doc.publisher[lang],
    doc.title,
    doc.kind[lang].toLowerCase(),
    formatIsoDate(doc.date, lang),
    part.number ?? '',
    paragraphFragmentUrl(doc, part),
  );
  return part.number === undefined ? text.replace(/, ¶\./, '.') : text;
}
