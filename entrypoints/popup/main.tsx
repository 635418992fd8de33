import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type PageMentions, PopupSummary } from '../../components/PopupSummary.tsx';
import { entityById, statement } from '../../data/index.ts';
import { searchKnowledge } from '../../engine/search-knowledge.ts';
import { t } from '../../lib/i18n.ts';
import { isMentionsResponse, sendToTab } from '../../lib/messages.ts';
import { statementUrl } from '../../lib/statement-url.ts';
import { uiLang } from '../../lib/ui-lang.ts';
import './style.css';

const lang = uiLang(browser.i18n.getUILanguage());
document.documentElement.lang = lang;
document.title = t('actionTitle', lang);

const statementBase = browser.runtime.getURL('/statement.html');
const statementHref = (part: string, quote: string) => statementUrl(statementBase, part, quote);

/** Asks the active tab's content script for its mentions; `unavailable` when nothing answers. */
async function loadPageMentions(): Promise<PageMentions> {
  try {
    // The tab the reader was looking at when opening the popup: the active tab of the last focused window.
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return { state: 'unavailable' };
    const response: unknown = await sendToTab(tab.id, { type: 'get-mentions' });
    return isMentionsResponse(response) ? { state: 'ready', response } : { state: 'unavailable' };
  } catch {
    // No content script in this tab: a browser-internal or store page, or a tab opened before install.
    return { state: 'unavailable' };
  }
}

const app = document.getElementById('app');
if (app) {
  const draw = (page: PageMentions) =>
    render(
      <PopupSummary
        lang={lang}
        doc={statement}
        page={page}
        entityById={entityById}
        search={searchKnowledge}
        statementHref={statementHref}
      />,
      app,
    );
  draw({ state: 'loading' });
  void loadPageMentions().then(draw);
}
