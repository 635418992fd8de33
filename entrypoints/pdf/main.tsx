import type { PDFDocumentProxy } from 'pdfjs-dist';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { MentionBar } from '../../components/pdf/MentionBar.tsx';
import { ReaderToolbar, type ToolbarActions } from '../../components/pdf/ReaderToolbar.tsx';
import {
  type FindResult,
  type Loaded,
  type LocalNotice,
  type Paused,
  type Scan,
  type Status,
  ZOOM_STEPS,
} from '../../components/pdf/reader-state.ts';
import { ReaderNotices, StatusPanel } from '../../components/pdf/StatusPanel.tsx';
import { HIGHLIGHTED_ENTITIES } from '../../engine/types.ts';
import { browser } from '../../lib/browser.ts';
import { type MessageKey, t } from '../../lib/i18n.ts';
import { attachLayerCards } from '../../lib/layer-cards.tsx';
import {
  indexedDbBackend,
  isSha256,
  type KeepResult,
  type KeptUsage,
  LocalPdfStore,
  localReaderAddress,
  sha256Hex,
} from '../../lib/local-pdfs.ts';
import { logger } from '../../lib/log.ts';
import {
  type ContentToBackground,
  type MentionsResponse,
  readerMessageFor,
  type ToContent,
} from '../../lib/messages.ts';
import { extractDocumentText, findPdfMentions, hasNoText } from '../../lib/pdf-text.ts';
import {
  browserUiLocale,
  loadSettings,
  resolveUiLang,
  SETTINGS_ENTITIES,
  type Settings,
  watchStoredSettings,
} from '../../lib/settings.ts';
import { readShortcut } from '../../lib/shortcut.ts';
import { statementUrl } from '../../lib/statement-url.ts';
import { readerActivity } from '../../lib/tab-messages.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import type { CardController } from '../../page/card-controller.ts';
import { createPdfMentionLayer, type PaintedPdfMention, type PdfMentionLayer } from '../../page/pdf-mentions.ts';
import { fetchPdf, looksLikePdf } from './fetch-pdf.ts';
import { useFileDrop, useFindShortcut } from './reader-hooks.ts';
import { createViewer, loadDocument, type ReaderViewer } from './viewer.ts';
import './style.css';

/*
 * The PDF reader (pdf.html). Browsers let no extension into their own PDF viewers, so PDFs are
 * opened here instead: from `?file=<url>` (the popup's button and the link menu), the Open PDF…
 * input, or a dropped file. The whole document's text is read and matched as it loads, so counts
 * are known before pages render; each rendered page's text layer is painted like a web page.
 * A local file is kept in the extension's IndexedDB (lib/local-pdfs.ts) and the address becomes
 * `?local=<sha256>&name=<name>`, which reopens it from there: the popup and exports link to it.
 */

const log = logger('pdf-reader');
const getURL = browser.runtime.getURL as (path: string) => string;
/** Mentions listed in one answer to the popup, as on web pages; the count covers them all. */
const MAX_LISTED = 2000;
/** How long a question from the popup waits for a document being fetched, opened or read. */
const ANSWER_WAIT_MS = 15_000;

/** A promise with its resolve function (Promise.withResolvers, which older browsers lack). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Lets the browser paint and handle input between two pages of matching. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

function fileNameOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : url;
  } catch (error) {
    log.debug('no file name in', url, error);
    return url;
  }
}

function Reader({ lang }: { lang: UiLang }) {
  const [status, setStatus] = useState<Status>({ kind: 'empty' });
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [scan, setScan] = useState<Scan | null>(null);
  const [page, setPage] = useState(1);
  const [scale, setScale] = useState('auto');
  const [find, setFind] = useState<FindResult>({ current: 0, total: 0, notFound: false });
  const [paused, setPaused] = useState<Paused | null>(null);
  const [kept, setKept] = useState<KeptUsage>({ count: 0, bytes: 0 });
  const [localNotice, setLocalNotice] = useState<LocalNotice | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const innerRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const controller = useRef<Controller | null>(null);

  useEffect(() => {
    if (!containerRef.current || !innerRef.current) return;
    const setters = { setStatus, setLoaded, setScan, setPage, setScale, setFind, setPaused, setKept, setLocalNotice };
    const c = new Controller(lang, containerRef.current, innerRef.current, setters);
    controller.current = c;
    c.start().catch((error: unknown) => log.error('the reader could not start', error));
  }, [lang]);

  useEffect(() => {
    if (status.kind === 'password') passwordRef.current?.focus();
  }, [status]);

  useFindShortcut(loaded !== null, findRef);
  // Handlers read the controller when they run: it is created after the first render.
  const ctl = () => controller.current;
  const dragging = useFileDrop((file) => void ctl()?.openFile(file));
  const actions = useMemo(() => toolbarActions(ctl), []);

  return (
    <div class="reader">
      <ReaderToolbar
        lang={lang}
        loaded={loaded}
        kept={kept}
        page={page}
        scale={scale}
        find={find}
        findRef={findRef}
        actions={actions}
      />
      {loaded && scan && (
        <MentionBar lang={lang} scan={scan} pages={loaded.pages} onNext={(e) => ctl()?.nextMention(e)} />
      )}
      <StatusPanel
        lang={lang}
        status={status}
        passwordRef={passwordRef}
        onAllow={() => ctl()?.allowAndOpen()}
        onPassword={(pw) => ctl()?.submitPassword(pw)}
        onFile={actions.openFile}
      />
      <ReaderNotices lang={lang} paused={paused} noText={!!scan?.done && scan.noText} local={localNotice} />
      <div class="viewer-frame" hidden={!loaded || status.kind !== 'ready'}>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the pages scroll in this element, which keyboard users must be able to focus to scroll (arrows, Page Down). */}
        <div ref={containerRef} class="viewer-container" tabIndex={0}>
          <div ref={innerRef} class="pdfViewer" />
        </div>
      </div>
      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          {t('pdfDropHere', lang)}
        </div>
      )}
    </div>
  );
}

/** The toolbar's actions, sent to the controller `ctl()` returns when they run (none before it exists). */
function toolbarActions(ctl: () => Controller | null): ToolbarActions {
  return {
    openFile: (file) => void ctl()?.openFile(file),
    goTo: (n) => ctl()?.goTo(n),
    zoom: (direction) => ctl()?.zoom(direction),
    setScale: (value) => ctl()?.setScale(value),
    find: (query, how) => ctl()?.find(query, how),
    forgetLocal: () => void ctl()?.forgetLocal(),
  };
}

interface Setters {
  setStatus: (s: Status) => void;
  setLoaded: (l: Loaded | null) => void;
  setScan: (s: Scan | null) => void;
  setPage: (n: number) => void;
  setScale: (s: string) => void;
  setFind: (f: FindResult) => void;
  setPaused: (p: Paused | null) => void;
  setKept: (k: KeptUsage) => void;
  setLocalNotice: (n: LocalNotice | null) => void;
}

/**
 * A local file being opened: its SHA-256 when known (from the store's address; a picked file's
 * is computed while pdf.js opens it), and whether to keep it (not when it came from the store).
 */
interface LocalSource {
  sha256?: string;
  keep: boolean;
}

/** The reader's state outside Preact: the pdf.js viewer, the open document and its mentions. */
class Controller {
  private viewer: ReaderViewer | null = null;
  private doc: PDFDocumentProxy | null = null;
  private layer: PdfMentionLayer | null = null;
  private scanAbort: AbortController | null = null;
  private passwordCallback: ((password: string) => void) | null = null;
  private pendingUrl: string | null = null;
  private downloadUrl: string | null = null;
  /** Text layers on screen, by page number; painted again when the mentions become known. */
  private readonly textLayers = new Map<number, HTMLElement>();
  private readonly nextByEntity = new Map<string, number>();
  private entities: readonly (typeof HIGHLIGHTED_ENTITIES)[number][] = HIGHLIGHTED_ENTITIES;
  private readonly viewerReady = deferred();
  private cards: CardController<PaintedPdfMention> | null = null;
  private settings: Settings | null = null;
  /** False while the settings keep the extension off this PDF: nothing painted, no cards. */
  private active = true;
  /** The open PDF's name and address (undefined for a local file), for the popup and the pause. */
  private name = '';
  private original: string | undefined;
  /** Set while a PDF is fetched, opened or its text read, so the popup's questions wait for it. */
  private busy = false;
  /** The page asked for by the address's `#page=N` (pdf.js's own fragments), applied once pages exist. */
  private hashApplied = false;
  /** The local PDFs kept on this device, so the reader's address reopens them. */
  private readonly store = new LocalPdfStore(indexedDbBackend());
  /** The SHA-256 of the open local PDF; null for a PDF from the web or none. */
  private localKey: string | null = null;
  /** Keeps the open local PDF once its text is read, so the storage does not compete with the first pages. */
  private pendingKeep: (() => Promise<void>) | null = null;

  constructor(
    private readonly lang: UiLang,
    private readonly container: HTMLDivElement,
    private readonly inner: HTMLDivElement,
    private readonly ui: Setters,
  ) {}

  async start(): Promise<void> {
    const { settings } = await loadSettings();
    this.settings = settings;
    this.entities = SETTINGS_ENTITIES.filter((e) => settings.entities[e]);
    watchStoredSettings((next) => {
      this.settings = next;
      this.applyActive();
    });
    this.viewer = await createViewer(this.container, this.inner);
    this.viewerReady.resolve();
    const { eventBus } = this.viewer;
    eventBus.on('pagechanging', (e: { pageNumber: number }) => this.ui.setPage(e.pageNumber));
    eventBus.on('scalechanging', (e: { scale: number; presetValue?: string }) =>
      this.ui.setScale(e.presetValue ?? String(Math.round(e.scale * 100) / 100)),
    );
    // Marks for the benchmark (bench/pdf.ts): first page on screen, all mentions known.
    eventBus.on('pagerendered', () => {
      if (performance.getEntriesByName('sc-pdf-first-page').length === 0) performance.mark('sc-pdf-first-page');
    });
    eventBus.on('textlayerrendered', (e: { pageNumber: number; source: { textLayer?: { div: HTMLElement } } }) => {
      const div = e.source.textLayer?.div;
      if (!div) return;
      this.textLayers.set(e.pageNumber, div);
      if (this.active) this.layer?.paintPage(e.pageNumber, div);
    });
    // `#page=N` (and pdf.js's other fragments: zoom, nameddest) once the pages exist, as pdf.js's viewer does.
    eventBus.on('pagesinit', () => {
      if (this.hashApplied) return;
      this.hashApplied = true;
      const hash = location.hash.slice(1);
      if (hash) this.viewer?.linkService.setHash(hash);
    });
    window.addEventListener('hashchange', () => {
      const hash = location.hash.slice(1);
      if (hash && this.doc) this.viewer?.linkService.setHash(hash);
    });
    eventBus.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) =>
      this.ui.setFind({ current: e.matchesCount.current, total: e.matchesCount.total, notFound: false }),
    );
    eventBus.on('updatefindcontrolstate', (e: { state: number; matchesCount: { current: number; total: number } }) => {
      const notFound = e.state === this.viewer?.components.FindState.NOT_FOUND;
      this.ui.setFind({ current: e.matchesCount.current, total: e.matchesCount.total, notFound });
    });
    const layer = document.createElement('div');
    layer.className = 'card-layer';
    document.body.append(layer);
    const stop = new AbortController();
    window.addEventListener('pagehide', () => stop.abort(), { once: true });
    const base = getURL('/statement.html');
    // The card's footer names the key, as on web pages: the keyboard command works here too.
    let shortcut = '';
    void readShortcut().then((info) => {
      shortcut = info.shortcut;
    });
    this.cards = attachLayerCards({
      mentionAt: (x, y) => (this.active ? this.layer?.mentionAt(x, y) : undefined),
      doc: document,
      layer,
      lang: this.lang,
      statementUrl: (part, quote) => statementUrl(base, part, quote),
      delayMs: () => (this.settings ?? settings).hoverDelayMs,
      shortcut: () => shortcut,
      signal: stop.signal,
    });

    await this.listen();

    // Another reader tab may have kept or forgotten PDFs meanwhile.
    window.addEventListener('focus', () => void this.refreshKept());
    void this.refreshKept();
    const params = new URLSearchParams(location.search);
    const file = params.get('file');
    const local = params.get('local');
    if (file) await this.openUrl(file);
    else if (local !== null) await this.openKept(local, params.get('name') ?? '');
  }

  /** Shows how many local PDFs are kept, and their size, by the Forget button. */
  private async refreshKept(): Promise<void> {
    this.ui.setKept(await this.store.usage());
  }

  /**
   * Opens the local PDF the address names (`sha256`, named `name` when it was opened), from the
   * store; when it is no longer there, says so by its name and waits for the file to be picked.
   */
  private async openKept(sha256: string, name: string): Promise<void> {
    this.busy = true;
    this.ui.setStatus({ kind: 'loading' });
    const found = isSha256(sha256) ? await this.store.open(sha256) : undefined;
    if (found) {
      await this.openBytes(found.bytes, found.meta.name, undefined, { sha256, keep: false });
      return;
    }
    this.busy = false;
    this.ui.setStatus({ kind: 'missing', name: name || t('pdfLocalUnnamed', this.lang) });
    if (name) document.title = `${name} — ${t('pdfPageTitle', this.lang)}`;
  }

  /** Forgets every local PDF the reader keeps, and says how many were. */
  async forgetLocal(): Promise<void> {
    const { count } = await this.store.usage();
    if (await this.store.forgetAll()) this.ui.setLocalNotice({ kind: 'forgotten', count });
    await this.refreshKept();
  }

  /**
   * Keeps the open local PDF (`bytes`, a copy pdf.js does not hold) in the store; says so when
   * it cannot, since its address will then not reopen it. Never rejects.
   */
  private async keepLocal(sha256: string, name: string, bytes: Uint8Array): Promise<void> {
    const result: KeepResult = await this.store.keep(sha256, name, bytes);
    if (!result.kept && this.localKey === sha256) this.ui.setLocalNotice({ kind: 'not-kept', reason: result.reason });
    await this.refreshKept();
  }

  /**
   * Answers the popup and the background, which cannot message an extension page through its
   * tab: they send a `to-reader` envelope with this tab's id over the runtime channel.
   */
  private async listen(): Promise<void> {
    const tab = await browser.tabs.getCurrent().catch((error: unknown) => {
      log.warn('the reader does not know its tab', error);
      return undefined;
    });
    const tabId = tab?.id;
    // Not in a tab (a test harness frame): nobody can address this reader.
    if (tabId === undefined) return;
    browser.runtime.onMessage.addListener((message: unknown) => {
      const question = readerMessageFor(message, tabId);
      if (!question) return undefined;
      // A Promise of the answer: the polyfill sends it back in Chromium too.
      return this.answer(question).catch((error: unknown) => {
        log.error(`no answer to ${question.type}`, error);
        return undefined;
      });
    });
  }

  /** The answer to a question the content script answers on web pages, for the whole document. */
  private async answer(question: ToContent): Promise<unknown> {
    switch (question.type) {
      case 'get-mentions':
        await this.settled();
        return this.mentionsResponse();
      case 'reveal-mention':
        await this.settled();
        return { ok: await this.revealAndOpen(question.index) };
      case 'next-mention': {
        await this.settled();
        const count = this.layer?.mentions().length ?? 0;
        const last = this.cards?.lastOpened?.index ?? -1;
        if (count > 0) await this.revealAndOpen((last + 1) % count);
        return undefined;
      }
      case 'activate':
        return { active: this.active };
    }
  }

  /** Resolves once no PDF is being fetched, opened or read, or after {@link ANSWER_WAIT_MS}. */
  private async settled(): Promise<void> {
    for (let waited = 0; this.busy && waited < ANSWER_WAIT_MS; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * The whole document's mentions with their pages, as the popup lists them: `url` is this
   * reader's address (exports link back to it at a page), `site` the PDF's own address, whose
   * origin "Pause on this site" pauses. Empty while no PDF is open.
   */
  private mentionsResponse(): MentionsResponse {
    const all = this.layer?.mentions() ?? [];
    return {
      mentions: all
        .slice(0, MAX_LISTED)
        .map((m) => ({ index: m.index, entity: m.entity, text: m.text, snippet: m.snippet, page: m.page })),
      total: all.length,
      capped: all.length > MAX_LISTED,
      url: location.href.split('#')[0] as string,
      title: this.name || document.title,
      ...(this.original ? { site: this.original } : {}),
    };
  }

  /**
   * Follows the settings (lib/tab-messages.ts `readerActivity`: the PDF's origin, or the on/off
   * switch for a local file): says why in a notice, unpaints every page and closes the card when
   * paused, paints them again on resume.
   */
  private applyActive(): void {
    const activity = this.settings ? readerActivity(this.settings, this.original) : { active: true as const };
    const host = this.original ? new URL(this.original).host : '';
    if (activity.active) this.ui.setPaused(null);
    else if (activity.reason === 'disabled' || !host) this.ui.setPaused({ kind: 'off' });
    else this.ui.setPaused({ kind: activity.reason, host });
    if (activity.active === this.active) return;
    this.active = activity.active;
    this.reportCount();
    if (this.active) {
      for (const [n, div] of this.textLayers) if (div.isConnected) this.layer?.paintPage(n, div);
      return;
    }
    for (const n of this.textLayers.keys()) this.layer?.forgetPage(n);
    this.cards?.close(false);
  }

  /**
   * Tells the background the count for the toolbar badge, as a web page's content script does:
   * the whole document's mentions, 0 while paused. The background knows the tab from the sender.
   */
  private reportCount(): void {
    const count = this.active ? (this.layer?.mentions().length ?? 0) : 0;
    const message: ContentToBackground = { type: 'mention-count', count };
    browser.runtime.sendMessage(message).catch((error: unknown) => log.debug('no badge count sent', error));
  }

  /** Opens a PDF the reader chose on this device: no permission needed, nothing leaves it. */
  async openFile(file: File): Promise<void> {
    this.busy = true;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      log.warn('cannot read the file', error);
      this.fail('pdfErrorCorrupt');
      this.busy = false;
      return;
    }
    await this.openBytes(bytes, file.name, undefined, { keep: true });
  }

  /** Opens `url`: fetched at once when its site is already allowed, else after the reader allows it. */
  async openUrl(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (error) {
      log.debug('bad address', url, error);
      this.fail('pdfUnsupportedAddress');
      return;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      this.fail('pdfUnsupportedAddress');
      return;
    }
    this.pendingUrl = parsed.href;
    const origins = [`${parsed.protocol}//${parsed.hostname}/*`];
    const allowed = await browser.permissions.contains({ origins }).catch((error: unknown) => {
      log.warn('permissions.contains failed', error);
      return false;
    });
    if (allowed) await this.fetchAndOpen(parsed.href);
    else this.ui.setStatus({ kind: 'permission', url: parsed.href, host: parsed.host, denied: false });
  }

  /** The "Allow and open" click: asks for the PDF's origin only, then fetches it. */
  allowAndOpen(): void {
    const url = this.pendingUrl;
    if (!url) return;
    const parsed = new URL(url);
    // Called straight from the click, as browsers require for a permission request.
    browser.permissions.request({ origins: [`${parsed.protocol}//${parsed.hostname}/*`] }).then(
      (granted) => {
        if (granted) void this.fetchAndOpen(url);
        else this.ui.setStatus({ kind: 'permission', url, host: parsed.host, denied: true });
      },
      (error: unknown) => {
        log.warn('permission request failed', error);
        this.ui.setStatus({ kind: 'permission', url, host: parsed.host, denied: true });
      },
    );
  }

  private async fetchAndOpen(url: string): Promise<void> {
    this.busy = true;
    this.ui.setStatus({ kind: 'loading' });
    const fetched = await fetchPdf(url, (input, init) => fetch(input, init));
    if (fetched.ok) await this.openBytes(fetched.bytes, fileNameOf(url), url);
    else this.fail(fetched.key, ...fetched.args);
  }

  /** Shows an error; nothing is being opened any more. */
  private fail(key: MessageKey, ...args: (string | number)[]): void {
    this.busy = false;
    this.ui.setStatus({ kind: 'error', key, args });
  }

  private async closeDocument(): Promise<void> {
    this.scanAbort?.abort();
    this.scanAbort = null;
    this.layer?.destroy();
    this.layer = null;
    this.textLayers.clear();
    this.nextByEntity.clear();
    this.passwordCallback = null;
    this.viewer?.viewer.setDocument(null as unknown as PDFDocumentProxy);
    this.viewer?.linkService.setDocument(null, null);
    const doc = this.doc;
    this.doc = null;
    if (doc) await doc.destroy().catch((error: unknown) => log.warn('destroy failed', error));
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = null;
    this.ui.setLoaded(null);
    this.ui.setScan(null);
  }

  /**
   * Opens `bytes` as the document `name`, from the web address `original` or, for a local file,
   * `local`: its address becomes the reader's `?local=` one, and it is kept when `local.keep`.
   */
  private async openBytes(
    bytes: Uint8Array,
    name: string,
    original: string | undefined,
    local?: LocalSource,
  ): Promise<void> {
    // A file picked in the first milliseconds waits for the viewer rather than being dropped.
    await this.viewerReady.promise;
    await this.closeDocument();
    this.localKey = null;
    this.pendingKeep = null;
    this.ui.setLocalNotice(null);
    performance.clearMarks();
    performance.mark('sc-pdf-open');
    if (!looksLikePdf(bytes)) {
      this.fail('pdfErrorNotPdf');
      return;
    }
    this.ui.setStatus({ kind: 'loading' });
    // pdf.js takes the buffer over; Download and, for a local file, the hash and the store use a copy.
    const copy = bytes.slice();
    this.downloadUrl = URL.createObjectURL(new Blob([copy], { type: 'application/pdf' }));
    // Hashed while pdf.js parses. Without Web Crypto the file still opens, not kept.
    const hashing = local
      ? local.sha256
        ? Promise.resolve(local.sha256)
        : sha256Hex(copy).catch((error: unknown) => {
            log.warn('cannot hash the file', error);
            return null;
          })
      : Promise.resolve(null);
    const task = loadDocument(bytes);
    task.onPassword = (update: (password: string) => void, reason: number) => {
      // Waiting for the reader's password, not for work: the popup is answered at once.
      this.busy = false;
      this.passwordCallback = update;
      this.ui.setStatus({
        kind: 'password',
        wrong: reason === this.viewer?.pdfjs.PasswordResponses.INCORRECT_PASSWORD,
      });
    };
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (error) {
      // InvalidPDFException, or a worse failure of a file that claims to be a PDF: damaged either way.
      log.warn('cannot open the PDF', error);
      this.fail('pdfErrorCorrupt');
      return;
    }
    // Done by now but for a huge file: the address must name it before the pages exist.
    const sha256 = local ? await hashing : null;
    this.doc = doc;
    this.busy = true;
    this.passwordCallback = null;
    this.name = name;
    this.original = original;
    this.hashApplied = false;
    if (local) this.settleLocal(sha256, local.keep, name, copy);
    this.applyActive();
    document.title = `${name} — ${t('pdfPageTitle', this.lang)}`;
    this.layer = createPdfMentionLayer({ doc: document, win: window, entities: this.entities });
    const viewer = this.viewer;
    if (!viewer) {
      this.busy = false;
      return;
    }
    viewer.viewer.setDocument(doc);
    viewer.linkService.setDocument(doc, null);
    this.ui.setLoaded({ name, pages: doc.numPages, original, download: this.downloadUrl });
    this.ui.setStatus({ kind: 'ready' });
    this.container.focus({ preventScroll: true });
    void this.scanDocument(doc);
  }

  /**
   * For a local PDF that opened: gives the reader its `?local=` address (before the pages exist,
   * so `#page=N` applies to them) and keeps the file once its text is read, or says its address
   * will not reopen it.
   */
  private settleLocal(sha256: string | null, keep: boolean, name: string, bytes: Uint8Array): void {
    if (!sha256) {
      this.ui.setLocalNotice({ kind: 'not-kept', reason: 'failed' });
      return;
    }
    this.localKey = sha256;
    history.replaceState(history.state, '', localReaderAddress(location.href, sha256, name));
    if (keep) this.pendingKeep = () => this.keepLocal(sha256, name, bytes);
  }

  submitPassword(password: string): void {
    const update = this.passwordCallback;
    if (!update) return;
    this.busy = true;
    this.ui.setStatus({ kind: 'loading' });
    update(password);
  }

  /** Reads every page's text and finds the mentions, yielding between pages; paints the pages on screen. */
  private async scanDocument(doc: PDFDocumentProxy): Promise<void> {
    const abort = new AbortController();
    this.scanAbort = abort;
    const base = { read: 0, done: false, noText: false, counts: {}, total: 0 };
    this.ui.setScan(base);
    try {
      const pages = await extractDocumentText(doc, {
        signal: abort.signal,
        onPage: (_p, all) => this.ui.setScan({ ...base, read: all.length }),
      });
      const mentions = await findPdfMentions(pages, yieldToBrowser);
      if (abort.signal.aborted || this.doc !== doc || !this.layer) return;
      this.layer.setDocument(pages, mentions);
      if (this.active) for (const [n, div] of this.textLayers) if (div.isConnected) this.layer.paintPage(n, div);
      const counts = this.layer.counts();
      this.ui.setScan({
        read: pages.length,
        done: true,
        noText: hasNoText(pages),
        counts,
        total: this.layer.mentions().length,
      });
      this.reportCount();
      performance.mark('sc-pdf-mentions');
      document.documentElement.dataset.mentions = String(this.layer.mentions().length);
    } catch (error) {
      if (abort.signal.aborted) return;
      log.warn('reading the text failed', error);
      this.ui.setScan({ ...base, done: true });
    } finally {
      if (this.doc === doc) {
        this.busy = false;
        const keep = this.pendingKeep;
        this.pendingKeep = null;
        if (keep) void keep();
      }
    }
  }

  goTo(pageNumber: number): void {
    const v = this.viewer?.viewer;
    if (!v || !Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > v.pagesCount) return;
    v.currentPageNumber = pageNumber;
  }

  setScale(value: string): void {
    if (this.viewer) this.viewer.viewer.currentScaleValue = value;
  }

  zoom(direction: 1 | -1): void {
    const v = this.viewer?.viewer;
    if (!v) return;
    const now = v.currentScale;
    const next =
      direction > 0
        ? (ZOOM_STEPS.find((z) => z > now + 0.01) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1])
        : ([...ZOOM_STEPS].reverse().find((z) => z < now - 0.01) ?? ZOOM_STEPS[0]);
    v.currentScale = next as number;
  }

  find(query: string, how: 'input' | 'next' | 'previous'): void {
    this.viewer?.eventBus.dispatch('find', {
      source: this,
      type: how === 'input' ? '' : 'again',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: how === 'previous',
      matchDiacritics: false,
    });
  }

  /** Scrolls to the next mention of `entity` (after the last one shown), flashes it and leaves its card to hover. */
  nextMention(entity: string): void {
    const all = this.layer?.mentions() ?? [];
    const ofEntity = all.filter((m) => m.entity === entity);
    if (ofEntity.length === 0) return;
    const i = ((this.nextByEntity.get(entity) ?? -1) + 1) % ofEntity.length;
    this.nextByEntity.set(entity, i);
    const target = ofEntity[i];
    if (target) void this.reveal(target.index);
  }

  /**
   * Reveals mention `index` and opens its card with focus, as the popup and the keyboard command
   * do on web pages. Resolves to false when there is no such mention, the reader is paused, or
   * its page did not render in time.
   */
  private async revealAndOpen(index: number): Promise<boolean> {
    if (!(await this.reveal(index))) return false;
    const painted = this.layer?.painted(index);
    if (painted) await this.cards?.open(painted, true);
    return true;
  }

  /** Shows mention `index`: its page first, then the mention itself once its text layer is painted. */
  async reveal(index: number): Promise<boolean> {
    const m = this.layer?.mentions()[index];
    const viewer = this.viewer?.viewer;
    if (!m || !viewer || !this.active) return false;
    viewer.scrollPageIntoView({ pageNumber: m.page });
    for (let waited = 0; waited < 5000; waited += 50) {
      const painted = this.layer?.painted(index);
      if (painted?.range.startContainer.isConnected) {
        painted.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        this.layer?.flash(index);
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }
}

async function main(app: HTMLElement) {
  const { settings } = await loadSettings();
  const lang = resolveUiLang(settings, browserUiLocale());
  document.documentElement.lang = lang;
  document.title = t('pdfPageTitle', lang);
  render(<Reader lang={lang} />, app);
}

const app = document.getElementById('app');
if (app) void main(app);
