import { render } from 'preact';
import { cardModel } from '../../components/card-model.ts';
import {
  type PageState,
  type PopupControls,
  PopupSummary,
  type PopupSummaryProps,
} from '../../components/PopupSummary.tsx';
import * as data from '../../data/index.ts';
import { searchKnowledge } from '../../engine/search-knowledge.ts';
import type { EntityId } from '../../engine/types.ts';
import { browser } from '../../lib/browser.ts';
import type { ExportCitation } from '../../lib/export.ts';
import { t } from '../../lib/i18n.ts';
import { logger } from '../../lib/log.ts';
import { isMentionsResponse, type MentionsResponse } from '../../lib/messages.ts';
import { explainNoAnswer, isPdfAddress, readerUrl, restrictedReason } from '../../lib/page-access.ts';
import {
  browserUiLocale,
  describeProblems,
  isActiveOn,
  isSitePaused,
  originOf,
  readSettings,
  resolveUiLang,
  type Settings,
  saveSettings,
  setSitePaused,
} from '../../lib/settings.ts';
import { readShortcut, type ShortcutInfo } from '../../lib/shortcut.ts';
import { statementUrl } from '../../lib/statement-url.ts';
import {
  activateTab,
  framesWithMentions,
  isReaderUrl,
  mergeFrames,
  readerActivity,
  sendToFrame,
  sendToReader,
} from '../../lib/tab-messages.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import './style.css';

/*
 * The toolbar popup. It describes the active tab of the last focused window, or the tab named by
 * `?tab=<id>`: the real-browser tests open popup.html in a tab of its own (a background tab gets
 * no frames, so it cannot be clicked), and point it at the fixture tab this way. It only ever
 * talks to tabs the extension may already message, so the parameter grants nothing.
 */

/** How long to keep asking a tab that is still loading (its content script runs at document idle). */
const LOADING_WAIT_MS = 4000;
/** After a resume, how long to wait for the content script to pick the change up and read the page. */
const RESUME_WAIT_MS = 2500;
const POLL_MS = 200;
/** How often an open popup asks the page again for mentions that arrived since (late frames, infinite scroll). */
const FOLLOW_MS = 1000;

const log = logger('popup');

/** A rejection handler that logs what failed and gives undefined, for calls whose failure the popup explains itself. */
const orUndefined =
  (what: string) =>
  (error: unknown): undefined => {
    log.debug(what, error);
    return undefined;
  };

interface TabInfo {
  id: number;
  url: string | undefined;
  title: string | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Widened: WXT types `getURL` with the pages of the last build, and the search page is its own entrypoint.
const getURL = browser.runtime.getURL as (path: string) => string;
const statementBase = getURL('/statement.html');
const readerPage = getURL('/pdf.html');

/** The tab to describe; undefined when there is none (a popup opened with no window focused). */
async function findTab(): Promise<TabInfo | undefined> {
  // `?tab=<id>` (the tests' popup window); the toolbar button opens the popup with no query.
  const forced = new URLSearchParams(location.search).get('tab');
  const tab =
    forced !== null
      ? await browser.tabs.get(Number(forced)).catch(orUndefined('no tab with the id asked for'))
      : (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0];
  return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url, title: tab.title };
}

async function isTabLoading(id: number): Promise<boolean> {
  const tab = await browser.tabs.get(id).catch(orUndefined('the tab is gone'));
  return tab?.status === 'loading';
}

/** The top frame's mentions; undefined when nothing answers (after waiting out a loading tab). */
async function askTopFrame(tab: TabInfo): Promise<MentionsResponse | undefined> {
  const deadline = Date.now() + LOADING_WAIT_MS;
  for (;;) {
    try {
      const answer: unknown = await sendToFrame(tab.id, 0, { type: 'get-mentions' });
      if (isMentionsResponse(answer)) return answer;
    } catch (error) {
      // No listener (yet): decided below.
      log.debug('no answer from the page (yet)', error);
    }
    if (Date.now() > deadline || !(await isTabLoading(tab.id))) return undefined;
    await sleep(POLL_MS);
  }
}

/**
 * The mentions of every frame of the tab: the top frame's, then those of each sub-frame the
 * background heard report mentions (the badge's counts), each asked by frame id. Undefined when
 * the top frame does not answer; a sub-frame that does not answer is left out.
 */
async function askMentions(tab: TabInfo): Promise<MentionsResponse | undefined> {
  const top = await askTopFrame(tab);
  if (!top || top.error) return top;
  const ids = (await framesWithMentions(tab.id).catch(orUndefined('the background did not list frames'))) ?? [];
  const frames = await Promise.all(
    ids
      .filter((id) => id !== 0)
      .map(async (frameId) => {
        const answer: unknown = await sendToFrame(tab.id, frameId, { type: 'get-mentions', direct: true }).catch(
          orUndefined(`frame ${frameId} did not answer`),
        );
        return isMentionsResponse(answer) ? [{ frameId, response: answer }] : [];
      }),
  );
  return mergeFrames(top, frames.flat());
}

/**
 * The reader's answer when `tab` shows the extension's PDF reader (whose URL the popup may not
 * see without an `activeTab` grant, so an unknown URL is asked too); undefined for any other tab.
 */
async function askReader(tab: TabInfo): Promise<MentionsResponse | undefined> {
  if (tab.url !== undefined && !isReaderUrl(tab.url, readerPage)) return undefined;
  const deadline = Date.now() + LOADING_WAIT_MS;
  for (;;) {
    const answer: unknown = await sendToReader(tab.id, { type: 'get-mentions' });
    if (isMentionsResponse(answer)) return answer;
    // A reader tab that has not set up its listener yet; an unknown tab is not waited for.
    if (tab.url === undefined || Date.now() > deadline) return undefined;
    await sleep(POLL_MS);
  }
}

/**
 * What the popup shows for the reader's answer: the whole document's mentions, or the paused
 * state when the PDF's site (its origin, `site`) is paused. The returned `url` is that site, the
 * one the pause switch acts on; undefined for a local file, which has no site to pause.
 */
function describeReader(response: MentionsResponse, settings: Settings): { page: PageState; url: string | undefined } {
  const site = response.site;
  const activity = readerActivity(settings, site);
  if (!activity.active) return { page: { state: 'inactive', reason: activity.reason }, url: site };
  return { page: { state: 'ready', response: { ...response, title: response.title ?? '' } }, url: site };
}

function inactiveReason(settings: Settings, url: string): 'disabled' | 'paused' | 'excluded' {
  if (!settings.enabled) return 'disabled';
  return isSitePaused(settings, url) ? 'paused' : 'excluded';
}

/** Chrome's switch for local files; undefined where the browser cannot say. */
async function fileAccessAllowed(): Promise<boolean | undefined> {
  try {
    return await browser.extension.isAllowedFileSchemeAccess();
  } catch (error) {
    log.debug('the browser cannot say whether file access is on', error);
    return undefined;
  }
}

/** Everything the popup shows about `tab` under `settings`; `waitForMentions` polls a page being switched back on. */
async function describe(
  tab: TabInfo,
  settings: Settings,
  waitForMentions = false,
): Promise<{ page: PageState; url: string | undefined }> {
  // The PDF reader is an extension page: it answers for itself, with the PDF's site.
  let reader = await askReader(tab);
  const readerUntil = Date.now() + RESUME_WAIT_MS;
  // Resumed: the reader repaints at once; a document with no mentions is waited out like a page.
  while (waitForMentions && reader && reader.total === 0 && Date.now() < readerUntil) {
    await sleep(POLL_MS);
    reader = (await askReader(tab)) ?? reader;
  }
  if (reader) return describeReader(reader, settings);
  const known = restrictedReason(tab.url);
  if (known) return { page: { state: 'restricted', reason: known }, url: tab.url };
  if (tab.url && !isActiveOn(settings, tab.url)) {
    return { page: { state: 'inactive', reason: inactiveReason(settings, tab.url) }, url: tab.url };
  }
  // In on-click mode opening the popup is the click: the page is read now. Rejects like get-mentions.
  if (settings.mode === 'on-click') await activateTab(tab.id).catch(orUndefined('could not activate the tab'));
  let response = await askMentions(tab);
  const until = Date.now() + RESUME_WAIT_MS;
  // A page whose matcher failed to load stays empty: no use waiting for it.
  while (waitForMentions && response && response.total === 0 && !response.error && Date.now() < until) {
    await sleep(POLL_MS);
    response = (await askMentions(tab)) ?? response;
  }
  if (!response) {
    const why = explainNoAnswer(tab.url, await fileAccessAllowed());
    const page: PageState =
      why.kind === 'restricted' ? { state: 'restricted', reason: why.reason } : { state: why.kind };
    return { page, url: tab.url };
  }
  // A PDF tab with nothing to show is the browser's PDF viewer: offer the reader.
  if (response.total === 0 && isPdfAddress(tab.url))
    return { page: { state: 'restricted', reason: 'pdf' }, url: tab.url };
  const url = response.url ?? tab.url;
  // The tab's address may only be known from the answer (no `activeTab` grant): judge it now.
  if (url && !isActiveOn(settings, url))
    return { page: { state: 'inactive', reason: inactiveReason(settings, url) }, url };
  return {
    page: { state: 'ready', response: { ...response, url, title: response.title ?? tab.title ?? '' } },
    url,
  };
}

function controlsFor(settings: Settings, url: string | undefined): PopupControls {
  const origin = url ? originOf(url) : null;
  const site = origin && url ? new URL(url).hostname || origin : undefined;
  return { enabled: settings.enabled, paused: origin && url ? isSitePaused(settings, url) : undefined, site };
}

/** Saves `content` through a Blob URL and `<a download>`; CSV gets a BOM so spreadsheets read it as UTF-8. */
function download(filename: string, mime: string, content: string) {
  const parts = mime.startsWith('text/csv') ? ['\uFEFF', content] : [content];
  const href = URL.createObjectURL(new Blob(parts, { type: mime }));
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the URL after this task.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** The statement's facts about entity `id` (as its card shows them), in the form the exports cite them. */
function exportCitations(lang: UiLang): (id: EntityId, matched: string) => ExportCitation[] {
  return (id, matched) =>
    (cardModel(id, lang, data, matched)?.facts ?? []).map((f) => ({
      paragraph: f.paragraph ?? null,
      part: f.part,
      quote: f.quote,
      en: f.en,
    }));
}

/** The open popup: what it knows about the tab, drawn again into `app` whenever that changes. */
class Popup {
  #settings: Settings;
  #page: PageState = { state: 'loading' };
  #url: string | undefined;
  /** Whether the tab shows the PDF reader, which is messaged through the runtime, not the tab. */
  #readerTab = false;
  #shortcut: ShortcutInfo | undefined;
  /** The toolbar badge when the page was last asked for its mentions (see `follow`). */
  #badge: string | undefined;
  readonly #citations: (id: EntityId, matched: string) => ExportCitation[];

  constructor(
    private readonly app: HTMLElement,
    private readonly lang: UiLang,
    private readonly tab: TabInfo | undefined,
    settings: Settings,
    /** The stored settings' problems, worded in the popup's language. */
    private readonly settingsErrors: readonly string[],
  ) {
    this.#settings = settings;
    this.#url = tab?.url;
    this.#citations = exportCitations(lang);
  }

  /** Shows the keyboard command, once the browser has said which it is. */
  setShortcut(info: ShortcutInfo): void {
    this.#shortcut = info;
    this.draw();
  }

  /** Describes the tab again; `waitForMentions` polls a page being switched back on. */
  async refresh(waitForMentions = false): Promise<void> {
    const tab = this.tab;
    if (!tab) {
      this.#page = { state: 'unknown' };
    } else {
      this.#page = { state: 'loading' };
      this.draw();
      ({ page: this.#page, url: this.#url } = await describe(tab, this.#settings, waitForMentions));
      const page = this.#page;
      this.#readerTab =
        isReaderUrl(tab.url, readerPage) || (page.state === 'ready' && isReaderUrl(page.response.url, readerPage));
    }
    this.draw();
  }

  draw(): void {
    render(<PopupSummary {...this.#props()} />, this.app);
  }

  #props(): PopupSummaryProps {
    return {
      lang: this.lang,
      doc: data.statement,
      page: this.#page,
      controls: controlsFor(this.#settings, this.#url),
      settingsErrors: this.settingsErrors,
      entityById: data.entityById,
      citations: this.#citations,
      search: searchKnowledge,
      statementHref: (part, quote) => statementUrl(statementBase, part, quote),
      searchPageHref: getURL('/search.html'),
      readerHref: readerUrl(readerPage, this.#url),
      onReveal: (index, frameId = 0) => this.#reveal(index, frameId),
      onSetPaused: async (paused) => {
        if (!this.#url) return;
        this.#settings = await setSitePaused(this.#url, paused);
        await this.refresh(!paused);
      },
      onSetEnabled: async (enabled) => {
        this.#settings = await saveSettings({ enabled });
        await this.refresh(enabled);
      },
      onOpenOptions: () => void browser.runtime.openOptionsPage(),
      onReloadTab: () => void this.#reloadTab(),
      download,
      shortcut: this.#shortcut,
    };
  }

  /** Asks the page (or the reader) to show mention `index` of frame `frameId`; false when it could not. */
  async #reveal(index: number, frameId: number): Promise<boolean> {
    const tab = this.tab;
    if (!tab) return false;
    if (this.#readerTab) {
      const answer = await sendToReader(tab.id, { type: 'reveal-mention', index });
      return answer?.ok === true;
    }
    const message = { type: 'reveal-mention', index, direct: frameId !== 0 } as const;
    const answer = await sendToFrame(tab.id, frameId, message).catch(
      orUndefined('the page did not reveal the mention'),
    );
    return answer?.ok === true;
  }

  async #reloadTab(): Promise<void> {
    if (!this.tab) return;
    this.#page = { state: 'loading' };
    this.draw();
    await browser.tabs.reload(this.tab.id).catch(orUndefined('could not reload the tab'));
    // The reload has started; `describe` waits out the loading tab.
    await sleep(POLL_MS);
    await this.refresh();
  }

  /**
   * Mentions that arrive while the popup is open (a frame that reported late, text a page added)
   * join the list: the page is asked again every second and redrawn only when its count changed,
   * so the list never jumps under the reader's pointer for nothing. Never resolves.
   */
  async follow(): Promise<never> {
    for (;;) {
      await sleep(FOLLOW_MS);
      const tab = this.tab;
      if (!tab || this.#page.state !== 'ready') continue;
      // The badge (the background's sum of every frame's count) is read for free; the page, which
      // builds its list of mentions to answer, is asked again only once the badge has changed.
      const badge = await browser.action.getBadgeText({ tabId: tab.id }).catch(orUndefined('no badge to read'));
      if (badge !== undefined && badge === this.#badge) continue;
      this.#badge = badge;
      const shown: MentionsResponse = this.#page.response;
      const next = this.#readerTab ? await askReader(tab) : await askMentions(tab);
      const page = this.#page as PageState;
      if (page.state !== 'ready' || page.response !== shown || !next || next.error) continue;
      if (next.total === shown.total && next.mentions.length === shown.mentions.length) continue;
      this.#page = { state: 'ready', response: { ...next, url: shown.url, title: shown.title } };
      this.draw();
    }
  }
}

async function main(app: HTMLElement) {
  const { settings, problems } = await readSettings();
  const lang = resolveUiLang(settings, browserUiLocale());
  document.documentElement.lang = lang;
  document.title = t('actionTitle', lang);
  // Worded in the language the settings choose, which may differ from the browser's.
  const popup = new Popup(app, lang, await findTab(), settings, describeProblems(problems, lang));
  void readShortcut().then((info) => popup.setShortcut(info));
  popup.draw();
  await popup.refresh();
  await popup.follow();
}

const app = document.getElementById('app');
if (app) void main(app);
