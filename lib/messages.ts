import { ENTITY_IDS, type EntityId } from '../engine/types.ts';

/*
 * Every message exchanged between the extension's contexts, named by direction.
 * Each request type maps to its response type in `Responses`, so senders get typed answers.
 * This module is bundled into the script every page and frame gets, so it does not touch the
 * extension API: reading `chrome` there sets up the extension's bindings in the frame (~0.3 ms a
 * frame), which a frame that never names the topic does not need. The senders live apart: to the
 * background in `to-background.ts` (WXT's native `browser`), to tabs in `tab-messages.ts` (the
 * polyfilled one, for the extension pages and the background).
 */

/**
 * Popup → content script of the active tab. `direct`: sent to one frame by its id, so that frame
 * answers even when it is a sub-frame (a message to the whole tab is answered by the top frame only).
 */
export type PopupToContent =
  | { type: 'get-mentions'; direct?: boolean }
  | { type: 'reveal-mention'; index: number; direct?: boolean };

/** Background → content script (the "next mention" keyboard command). */
export type BackgroundToContent = { type: 'next-mention' };

/**
 * Popup or background → every frame of a tab: in on-click mode the content script reads nothing
 * until this arrives (the popup sends it when it opens on the tab). Harmless in automatic mode.
 */
export type ActivateMessage = { type: 'activate' };

/**
 * Content script → background: the frame's count for the toolbar badge; the top frame leaving its
 * page (every frame's count goes with it, sub-frames' included: a sub-frame's next page may stay
 * quiet and say nothing); the key assigned to the "next mention" command, for the card's footer
 * (only the background may read commands).
 */
export type ContentToBackground =
  | { type: 'mention-count'; count: number }
  | { type: 'page-left' }
  | { type: 'get-shortcut' };

/** Popup → background: the frames of tab `tabId` that reported mentions. */
export type PopupToBackground = { type: 'get-frames'; tabId: number };

/**
 * Popup or background → the PDF reader showing in tab `tabId`. Content scripts do not run on
 * extension pages, so `tabs.sendMessage` cannot reach the reader: this envelope goes out with
 * `runtime.sendMessage`, which every extension page hears, and only the reader whose own tab is
 * `tabId` answers `message` (the same questions a content script answers).
 */
export type ToReader = { type: 'to-reader'; tabId: number; message: ToContent };

/**
 * `Symbol.for` key of the function a quiet top frame's content script leaves in its own world
 * (never the page's) to start listening; returns whether it was not listening yet. The popup and
 * the background call it through `scripting.executeScript` when a message finds no listener.
 */
export const LISTEN_HOOK = 'sanctions-context.listen';

/** Anything the background may receive. */
export type ToBackground = ContentToBackground | PopupToBackground;

/** Anything a content script may receive. */
export type ToContent = PopupToContent | BackgroundToContent | ActivateMessage;

/** Every message of the extension. */
export type Message = ToContent | ToBackground | ToReader;

export type MessageType = Message['type'];

/** One mention as listed by the popup. */
export interface MentionSummary {
  /** Position of the mention in document order; pass it back in `reveal-mention`. */
  index: number;
  entity: EntityId;
  /** The matched text, as it appears in the page. */
  text: string;
  /** A short piece of surrounding text for context. */
  snippet: string;
  /**
   * The frame the mention is in, set by the popup when it merges the frames' answers (0: the top
   * frame); `index` counts within that frame, so reveal goes to this frame.
   */
  frameId?: number;
  /** The address of the sub-frame the mention is in (set with `frameId`); absent in the top frame. */
  frameUrl?: string;
  /** The 1-based page of a PDF mention (the reader's answer); absent on web pages. */
  page?: number;
}

/** Why a page's mentions could not be read: the matcher module did not load. */
export type MentionsError = 'matcher-unavailable';

export interface MentionsResponse {
  mentions: MentionSummary[];
  /** Mentions found in the page, including those over the highlighting cap; may exceed `mentions.length` when `capped`. */
  total: number;
  /**
   * True when `mentions` lists fewer than `total`: the list was cut to keep the message small, or
   * the page has more mentions than the annotator highlights.
   */
  capped: boolean;
  /**
   * Set when the page could not be read, so that "no mentions" is not claimed for a page that
   * may have some; absent when all went well.
   */
  error?: MentionsError;
  /**
   * The page's address and title, for the popup's pause control and exports: without the `tabs`
   * permission the popup cannot read them from the tab unless `activeTab` was granted.
   */
  url?: string;
  title?: string;
  /**
   * The address whose origin "Pause on this site" acts on, when it is not `url`: for a PDF in
   * the reader, the PDF's own address (`url` is then the reader's). Absent for a local PDF,
   * which has no site.
   */
  site?: string;
}

/** The answer to each message type; `undefined` means nobody answers. */
export interface Responses {
  'get-mentions': MentionsResponse;
  'reveal-mention': { ok: boolean };
  'next-mention': undefined;
  /** `active`: the top frame is annotating now (false when off, paused or a never-run site). */
  activate: { active: boolean };
  'mention-count': undefined;
  'page-left': undefined;
  /** The assigned key, as the browser writes it ("Alt+Shift+M"); empty when none is set. */
  'get-shortcut': { shortcut: string };
  /** Ids of the tab's frames that reported at least one mention, top frame (0) first when it did. */
  'get-frames': { frames: number[] };
  /** The reader answers the wrapped message; see `ReaderResponseFor`. */
  'to-reader': unknown;
}

export type ResponseFor<M extends Message> = Responses[M['type']];

/** The reader's answer to the message wrapped in a `to-reader` envelope. */
export type ReaderResponseFor<M extends ToReader['message']> = Responses[M['type']];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

function isOptionalString(x: unknown): x is string | undefined {
  return x === undefined || typeof x === 'string';
}

function isEntityId(x: unknown): x is EntityId {
  return typeof x === 'string' && (ENTITY_IDS as readonly string[]).includes(x);
}

/**
 * Checks that `x` is one of the extension's messages, with well-typed fields.
 * Returns false for anything else (other extensions' messages, malformed objects, null).
 */
export function isMessage(x: unknown): x is Message {
  if (isToContentMessage(x)) return true;
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'get-shortcut':
    case 'page-left':
      return true;
    case 'mention-count':
      return isCount(x.count);
    case 'get-frames':
      return isCount(x.tabId);
    case 'to-reader':
      return isCount(x.tabId) && isToContentMessage(x.message);
    default:
      return false;
  }
}

/**
 * True when `x` is a message a content script should answer; false otherwise. Checked on its own,
 * without the other directions' types: it is the one check the content script, on every page,
 * bundles.
 */
export function isToContentMessage(x: unknown): x is ToContent {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'get-mentions':
    case 'next-mention':
    case 'activate':
      return true;
    case 'reveal-mention':
      return isCount(x.index);
    default:
      return false;
  }
}

/**
 * The message the reader in tab `tabId` should answer: the one wrapped in a `to-reader` envelope
 * addressed to that tab. Returns undefined for envelopes to other tabs and anything else.
 */
export function readerMessageFor(x: unknown, tabId: number): ToReader['message'] | undefined {
  return isMessage(x) && x.type === 'to-reader' && x.tabId === tabId ? x.message : undefined;
}

const BACKGROUND_TYPES: readonly MessageType[] = ['mention-count', 'page-left', 'get-shortcut', 'get-frames'];

/** True when `x` is a message the background should answer; false otherwise. */
export function isToBackgroundMessage(x: unknown): x is ToBackground {
  return isMessage(x) && BACKGROUND_TYPES.includes(x.type);
}

/**
 * Checks the content script's answer to `get-mentions` before the popup renders it.
 * Returns false for a missing answer (no listener) or any malformed field.
 */
export function isMentionsResponse(x: unknown): x is MentionsResponse {
  if (!isRecord(x) || !isCount(x.total) || typeof x.capped !== 'boolean' || !Array.isArray(x.mentions)) return false;
  if (!isOptionalString(x.url) || !isOptionalString(x.title) || !isOptionalString(x.site)) return false;
  if (x.error !== undefined && x.error !== 'matcher-unavailable') return false;
  return x.mentions.every(
    (m: unknown) =>
      isRecord(m) &&
      isCount(m.index) &&
      isEntityId(m.entity) &&
      typeof m.text === 'string' &&
      typeof m.snippet === 'string' &&
      (m.frameId === undefined || isCount(m.frameId)) &&
      isOptionalString(m.frameUrl) &&
      (m.page === undefined || (isCount(m.page) && m.page >= 1)),
  );
}
