import { render } from 'preact';
import { SearchPanel } from '../../components/SearchPanel.tsx';
import { statement } from '../../data/index.ts';
import { searchKnowledge } from '../../engine/search-knowledge.ts';
import { browser } from '../../lib/browser.ts';
import { t } from '../../lib/i18n.ts';
import { browserUiLocale, loadSettings, resolveUiLang } from '../../lib/settings.ts';
import { statementUrl } from '../../lib/statement-url.ts';
import '../popup/style.css';
import './style.css';

// Unlisted extension page (search.html?q=…): the popup's search, full page; the context menu opens it.
const statementBase = browser.runtime.getURL('/statement.html');

/** Keeps `?q=` in step with the box, so reloading or sharing the page keeps the search. */
function mirrorQuery(query: string) {
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set('q', query);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
}

async function main(app: HTMLElement) {
  const { settings } = await loadSettings();
  const lang = resolveUiLang(settings, browserUiLocale());
  document.documentElement.lang = lang;
  document.title = t('searchPageTitle', lang);
  const query = new URLSearchParams(location.search).get('q') ?? '';
  render(
    <main class="search-page">
      <header>
        <h1>{t('searchPageHeading', lang)}</h1>
        <p class="meta">{t('searchPageIntro', lang, statement.shortTitle[lang])}</p>
      </header>
      <SearchPanel
        lang={lang}
        search={searchKnowledge}
        statementHref={(part, quote) => statementUrl(statementBase, part, quote)}
        initialQuery={query}
        onQueryChange={mirrorQuery}
        limit={20}
        autoFocus
      />
    </main>,
    app,
  );
}

const app = document.getElementById('app');
if (app) void main(app);
