import type { MessageKey } from '../../lib/i18n.ts';

/*
 * The PDF reader's state as its components show it. The reader (entrypoints/pdf) owns it and
 * passes it down; the components only draw it and call back.
 */

/** The fixed zoom levels of the − / + buttons and the zoom menu. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** Why the reader paints nothing: the extension is off, or the PDF's site (`host`) is paused or excluded. */
export type Paused = { kind: 'off' } | { kind: 'paused' | 'excluded'; host: string };

/** What the reader shows in place of the pages: a hint, a question, progress or an error; `ready` shows the pages. */
export type Status =
  | { kind: 'empty' }
  | { kind: 'permission'; url: string; host: string; denied: boolean }
  | { kind: 'loading' }
  | { kind: 'password'; wrong: boolean }
  | { kind: 'error'; key: MessageKey; args: (string | number)[] }
  /** The address names a local PDF (`name`) the reader no longer keeps: it must be picked again. */
  | { kind: 'missing'; name: string }
  | { kind: 'ready' };

/**
 * What the reader says about the local PDFs it keeps: the open one could not be kept (its address
 * will not reopen it), or `count` kept PDFs were just forgotten.
 */
export type LocalNotice = { kind: 'not-kept'; reason: 'too-large' | 'failed' } | { kind: 'forgotten'; count: number };

/** The open document. */
export interface Loaded {
  name: string;
  pages: number;
  /** The address the PDF came from; undefined for a local file. */
  original?: string;
  /** A blob: URL of the bytes, for Download. */
  download: string;
}

/** Progress of reading the document's text and the mentions found so far, by entity. */
export interface Scan {
  read: number;
  done: boolean;
  noText: boolean;
  counts: Partial<Record<string, number>>;
  total: number;
}

/** The result of the text search: match `current` of `total`, or nothing found. */
export interface FindResult {
  current: number;
  total: number;
  notFound: boolean;
}
