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

/** Today's date in the reader's calendar as `YYYY-MM-DD`, for the "accessed" part of a citation. */
function localIsoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A date written out for a citation: French writes the first of the month "1er". */
function citationDate(iso: string, lang: UiLang): string {
  const text = formatIsoDate(iso, lang);
  return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/**
 * A citation of paragraph `part` in one consistent style per language. English: publisher,
 * original (French) title in quotes with our English title in brackets, kind, date, ¶, the
 * canonical page URL (no text fragment: it stays short and stable) and the access date. French:
 * the same in French conventions, without the bracketed title (the original is French).
 * A part without a number is cited by the document alone (no ¶). `accessed` defaults to now.
 */
export function citationText(doc: SourceDocument, part: Part, lang: UiLang, accessed: Date = new Date()): string {
  const base = doc.url.split('#')[0] ?? doc.url;
  const kind = lang === 'fr' ? doc.kind.fr.toLowerCase() : doc.kind.en;
  const text = t(
    'statementCitation',
    lang,
    doc.publisher[lang],
    doc.title,
    lang === 'en' ? t('citationTitleEn', lang, doc.titleEn) : '',
    kind,
    citationDate(doc.date, lang),
    part.number ?? '',
    base,
    citationDate(localIsoDay(accessed), lang),
  );
  return part.number === undefined ? text.replace(', ¶.', '.') : text;
}

/**
 * A verbatim quote followed by its citation, ready to paste into a report: the French quote,
 * in English also our unofficial translation `en` in brackets, then `citationText`.
 * Returns the citation alone when `quote` is empty.
 */
export function quoteWithCitation(
  doc: SourceDocument,
  part: Part,
  quote: string,
  en: string,
  lang: UiLang,
  accessed: Date = new Date(),
): string {
  const citation = citationText(doc, part, lang, accessed);
  if (!quote.trim()) return citation;
  const translation = lang === 'en' && en.trim() ? t('citationTranslation', lang, en) : '';
  return t('citationQuote', lang, quote, translation, citation);
}
