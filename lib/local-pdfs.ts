import { logger } from './log.ts';

/*
 * The local PDFs the reader keeps, so that its own address (`pdf.html?local=<sha256>&name=…`)
 * reopens a file picked on this computer: browsers give extensions no lasting handle on a local
 * file. The bytes stay in the extension's IndexedDB, on this device, keyed by their SHA-256; only
 * the few most recently opened are kept. The store's rules (limits, eviction) are written against
 * the small {@link LocalPdfBackend} interface, so tests run them on an in-memory one; the browser
 * uses {@link indexedDbBackend}.
 */

const log = logger('local-pdfs');

/** How many local PDFs are kept at most. */
export const MAX_KEPT_FILES = 5;
/** How many bytes all kept PDFs take at most, together (200 MB). */
export const MAX_KEPT_BYTES = 200_000_000;

/** One kept PDF, without its bytes. */
export interface KeptPdf {
  /** Lower-case hex SHA-256 of the bytes: the key, and what the reader's address names. */
  sha256: string;
  /** The file's name when it was last opened. */
  name: string;
  /** Its size in bytes. */
  size: number;
  /** When it was last opened (ms since the epoch): the least recent is evicted first. */
  openedAt: number;
}

/** What the store needs of a storage: the IndexedDB one in the browser, an in-memory one in tests. */
export interface LocalPdfBackend {
  /** Every kept PDF's description, in no particular order. */
  list(): Promise<KeptPdf[]>;
  /** The PDF kept under `sha256`, or undefined when none is. */
  read(sha256: string): Promise<{ meta: KeptPdf; bytes: ArrayBuffer } | undefined>;
  /** Keeps `meta` and `bytes` together (replacing any under the same key). */
  put(meta: KeptPdf, bytes: ArrayBuffer): Promise<void>;
  /** Replaces the description of a PDF already kept (its bytes stay). */
  putMeta(meta: KeptPdf): Promise<void>;
  /** Forgets the PDFs under `keys`. */
  remove(keys: readonly string[]): Promise<void>;
  /** Forgets every kept PDF. */
  clear(): Promise<void>;
}

/** Why a PDF was not kept: larger than the whole store, or the storage failed (quota, private window, no IndexedDB). */
export type NotKeptReason = 'too-large' | 'failed';

/** The outcome of {@link LocalPdfStore.keep}. */
export type KeepResult = { kept: true; evicted: string[] } | { kept: false; reason: NotKeptReason };

/** How many PDFs are kept and how many bytes they take. */
export interface KeptUsage {
  count: number;
  bytes: number;
}

/** The lower-case hex SHA-256 of `bytes` (Web Crypto). Rejects only when Web Crypto is missing. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when `value` has the form of a key of the store (64 lower-case hex digits). */
export function isSha256(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/**
 * Which of `kept` (the other kept PDFs) to evict so that `incoming` fits: the most recently
 * opened are kept while at most `maxFiles` files and `maxBytes` bytes in all, `incoming` first;
 * from the first that does not fit, that one and every older one go. Empty when all fit.
 */
export function toEvict(
  incoming: KeptPdf,
  kept: readonly KeptPdf[],
  maxFiles = MAX_KEPT_FILES,
  maxBytes = MAX_KEPT_BYTES,
): string[] {
  const others = kept
    .filter((k) => k.sha256 !== incoming.sha256)
    .sort((a, b) => b.openedAt - a.openedAt || a.sha256.localeCompare(b.sha256));
  let files = 1;
  let bytes = incoming.size;
  const evicted: string[] = [];
  for (const k of others) {
    if (evicted.length === 0 && files + 1 <= maxFiles && bytes + k.size <= maxBytes) {
      files += 1;
      bytes += k.size;
    } else {
      evicted.push(k.sha256);
    }
  }
  return evicted;
}

/**
 * The reader's address for the local PDF `sha256` named `name`, from its address now (`current`):
 * `pdf.html?local=<sha256>&name=<name>`, with the current fragment (`#page=N`) kept only when
 * the address named no other document (none, or this same file), since a page of another
 * document means nothing here.
 */
export function localReaderAddress(current: string, sha256: string, name: string): string {
  const url = new URL(current);
  const asked = url.searchParams.get('local');
  const sameDocument = !url.searchParams.has('file') && (asked === null || asked === sha256);
  url.search = '';
  url.searchParams.set('local', sha256);
  url.searchParams.set('name', name);
  if (!sameDocument) url.hash = '';
  return url.href;
}

/** The kept PDFs, with the limits and eviction rules; never rejects (failures are logged and reported). */
export class LocalPdfStore {
  constructor(
    private readonly backend: LocalPdfBackend,
    private readonly limits = { maxFiles: MAX_KEPT_FILES, maxBytes: MAX_KEPT_BYTES },
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Keeps `bytes` (whose SHA-256 is `sha256`) under `name`, opened now, evicting the least
   * recently opened PDFs that no longer fit. A file already kept only has its name and time
   * updated. Resolves to `{ kept: false, reason: 'too-large' }` (nothing evicted) for a file
   * larger than the whole store, `'failed'` when the storage fails.
   */
  async keep(sha256: string, name: string, bytes: Uint8Array): Promise<KeepResult> {
    if (bytes.byteLength > this.limits.maxBytes) return { kept: false, reason: 'too-large' };
    const meta: KeptPdf = { sha256, name, size: bytes.byteLength, openedAt: this.now() };
    try {
      const kept = await this.backend.list();
      const evicted = toEvict(meta, kept, this.limits.maxFiles, this.limits.maxBytes);
      // Room first: a full quota would refuse the new file before the old ones left.
      if (evicted.length > 0) await this.backend.remove(evicted);
      if (kept.some((k) => k.sha256 === sha256)) await this.backend.putMeta(meta);
      else await this.backend.put(meta, copyOf(bytes));
      return { kept: true, evicted };
    } catch (error) {
      log.warn('the PDF could not be kept', name, error);
      return { kept: false, reason: 'failed' };
    }
  }

  /**
   * The PDF kept under `sha256`, marked as opened now; undefined when it is not kept (evicted,
   * forgotten, another profile) or the storage fails.
   */
  async open(sha256: string): Promise<{ meta: KeptPdf; bytes: Uint8Array } | undefined> {
    try {
      const found = await this.backend.read(sha256);
      if (!found) return undefined;
      const meta = { ...found.meta, openedAt: this.now() };
      // The time only orders eviction: the PDF opens even when it cannot be written.
      await this.backend.putMeta(meta).catch((error: unknown) => log.warn('open time not saved', error));
      return { meta, bytes: new Uint8Array(found.bytes) };
    } catch (error) {
      log.warn('the kept PDF could not be read', sha256, error);
      return undefined;
    }
  }

  /** How many PDFs are kept and their bytes; zero of each when none is or the storage fails. */
  async usage(): Promise<KeptUsage> {
    try {
      const kept = await this.backend.list();
      return { count: kept.length, bytes: kept.reduce((sum, k) => sum + k.size, 0) };
    } catch (error) {
      log.warn('the kept PDFs could not be listed', error);
      return { count: 0, bytes: 0 };
    }
  }

  /** Forgets every kept PDF. Resolves to false when the storage fails, true otherwise. */
  async forgetAll(): Promise<boolean> {
    try {
      await this.backend.clear();
      return true;
    } catch (error) {
      log.warn('the kept PDFs could not be forgotten', error);
      return false;
    }
  }
}

/**
 * `bytes` as an ArrayBuffer of their own: the view's buffer when it covers all of it (IndexedDB
 * stores a clone), else a copy of the part it covers.
 */
function copyOf(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer as ArrayBuffer;
  return bytes.slice().buffer as ArrayBuffer;
}

/** The IndexedDB database of the reader's kept PDFs. */
export const LOCAL_PDF_DB = 'sanctions-context-reader';
const META = 'files';
const BYTES = 'bytes';

/** Resolves to a request's result, rejects with its error. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Resolves once a transaction is committed, rejects when it fails or is aborted. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/**
 * The store in the extension's IndexedDB (`factory`, the page's `indexedDB` by default): the
 * descriptions in one object store, the bytes in another, so listing never reads a file. The
 * database is opened on first use; every method rejects when IndexedDB is missing or refuses.
 */
export function indexedDbBackend(factory: () => IDBFactory | undefined = () => globalThis.indexedDB): LocalPdfBackend {
  let opened: Promise<IDBDatabase> | null = null;
  const db = (): Promise<IDBDatabase> => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const idb = factory();
      if (!idb) throw new Error('IndexedDB is not available');
      const request = idb.open(LOCAL_PDF_DB, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(META, { keyPath: 'sha256' });
        request.result.createObjectStore(BYTES);
      };
      request.onsuccess = () => {
        const database = request.result;
        // Closed by the browser (site data cleared) or by a newer version elsewhere: open again next time.
        database.onclose = () => {
          opened = null;
        };
        database.onversionchange = () => {
          database.close();
          opened = null;
        };
        resolve(database);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('IndexedDB upgrade blocked'));
    });
    // A failed open is tried again on the next call; the caller reports the failure itself.
    opened.catch((error: unknown) => {
      log.debug('IndexedDB did not open', error);
      opened = null;
    });
    return opened;
  };
  const write = async (stores: string[], fill: (tx: IDBTransaction) => void): Promise<void> => {
    const tx = (await db()).transaction(stores, 'readwrite');
    fill(tx);
    await committed(tx);
  };
  return {
    async list() {
      const tx = (await db()).transaction(META, 'readonly');
      return done(tx.objectStore(META).getAll() as IDBRequest<KeptPdf[]>);
    },
    async read(sha256) {
      const tx = (await db()).transaction([META, BYTES], 'readonly');
      const [meta, bytes] = await Promise.all([
        done(tx.objectStore(META).get(sha256) as IDBRequest<KeptPdf | undefined>),
        done(tx.objectStore(BYTES).get(sha256) as IDBRequest<ArrayBuffer | undefined>),
      ]);
      return meta && bytes ? { meta, bytes } : undefined;
    },
    put: (meta, bytes) =>
      write([META, BYTES], (tx) => {
        tx.objectStore(BYTES).put(bytes, meta.sha256);
        tx.objectStore(META).put(meta);
      }),
    putMeta: (meta) => write([META], (tx) => tx.objectStore(META).put(meta)),
    remove: (keys) =>
      write([META, BYTES], (tx) => {
        for (const key of keys) {
          tx.objectStore(META).delete(key);
          tx.objectStore(BYTES).delete(key);
        }
      }),
    clear: () =>
      write([META, BYTES], (tx) => {
        tx.objectStore(META).clear();
        tx.objectStore(BYTES).clear();
      }),
  };
}
