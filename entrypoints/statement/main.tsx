import { render } from 'preact';
import { browser } from 'wxt/browser';
import { StatementView } from '../../components/StatementView.tsx';
import { statement } from '../../data/index.ts';
import { t } from '../../lib/i18n.ts';
import { uiLang } from '../../lib/ui-lang.ts';

// Unlisted extension page (statement.html): the bundled statement at `#p4&q=<quote>`.
const lang = uiLang(browser.i18n.getUILanguage());
document.documentElement.lang = lang;
document.title = t('statementPageTitle', lang, statement.shortTitle[lang]);

const app = document.getElementById('app');
if (app) {
  const draw = () => render(<StatementView doc={statement} lang={lang} hash={location.hash} />, app);
  window.addEventListener('hashchange', draw);
  draw();
}
