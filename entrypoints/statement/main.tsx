import { render } from 'preact';
import { StatementView } from '../../components/StatementView.tsx';
import { knowledge, statement } from '../../data/index.ts';
import { browser } from '../../lib/browser.ts';
import { t } from '../../lib/i18n.ts';
import { attachLayerCards } from '../../lib/layer-cards.tsx';
import { browserUiLocale, loadSettings, resolveUiLang, SETTINGS_ENTITIES } from '../../lib/settings.ts';
import { statementUrl } from '../../lib/statement-url.ts';
import { createAnnotator } from '../../page/annotator.ts';
import { hitTest } from '../../page/hit-test.ts';
import * as engine from '../content/matcher.ts';

// Unlisted extension page (statement.html): the bundled statement at `#p4&q=<quote>`.
const CARD_LAYER = 'card-layer';
const UI_CHROME = new Set(['button', 'textarea', 'nav', 'fieldset']);
const counts = {
  entities: knowledge.entities.length,
  facts: knowledge.facts.length,
  events: knowledge.timeline.length,
};

async function main(app: HTMLElement) {
  const { settings } = await loadSettings();
  const lang = resolveUiLang(settings, browserUiLocale());
  document.documentElement.lang = lang;
  document.title = t('statementPageTitle', lang, statement.shortTitle[lang]);
  // Set below: the view is drawn first so that the annotator reads the statement's text.
  let rescan = () => {};
  const draw = () =>
    render(
      <StatementView
        doc={statement}
        lang={lang}
        hash={location.hash}
        counts={counts}
        // The column that was hidden (narrow screens) had nothing painted: read it now it shows.
        onShownChange={() => rescan()}
      />,
      app,
    );
  window.addEventListener('hashchange', draw);
  draw();

  // Content scripts do not run on extension pages: the page runs the same engine and painter
  // itself, with the reader's entity and style choices, so the statement reads like any page.
  const layer = document.createElement('div');
  layer.className = CARD_LAYER;
  document.body.append(layer);
  const stop = new AbortController();
  window.addEventListener('pagehide', () => stop.abort(), { once: true });
  const annotator = createAnnotator({
    doc: document,
    win: window,
    signal: stop.signal,
    matcher: () => engine,
    // The card and the page's controls are not part of the statement; nor is a web address
    // ("msmt.info" in https://msmt.info names no one).
    exclude: (el) => el.classList.contains(CARD_LAYER) || UI_CHROME.has(el.localName) || el.localName === 'a',
    entities: SETTINGS_ENTITIES.filter((e) => settings.entities[e]),
    style: settings.style,
  });
  rescan = () => void annotator.rescan();
  const base = browser.runtime.getURL('/statement.html');
  attachLayerCards({
    mentionAt: (x, y) => hitTest(document, annotator.hits, x, y),
    doc: document,
    layer,
    lang,
    statementUrl: (part, quote) => statementUrl(base, part, quote),
    delayMs: () => settings.hoverDelayMs,
    signal: stop.signal,
  });
}

const app = document.getElementById('app');
if (app) void main(app);
