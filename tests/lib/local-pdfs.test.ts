import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isSha256,
  type KeptPdf,
  type LocalPdfBackend,
  LocalPdfStore,
  localReaderAddress,
  MAX_KEPT_BYTES,
  MAX_KEPT_FILES,
  sha256Hex,
  toEvict,
} from '../../lib/local-pdfs.ts';

/*
 * The reader's store of local PDFs (lib/local-pdfs.ts), run on an in-memory backend with the
 * same contract as the IndexedDB one (which tests/e2e/pdf-reader.test.ts drives in Chromium).
 */

/** The backend in memory; `fail` makes every call reject, as a full quota or a missing IndexedDB does. */
function memoryBackend() {
  const metas = new Map<string, KeptPdf>();
  const bytes = new Map<string, ArrayBuffer>();
  const calls: string[] = [];
  const state = { fail: false };
  const guard = (name: string) => {
    calls.push(name);
    if (state.fail) throw new DOMException('quota exceeded', 'QuotaExceededError');
  };
  const backend: LocalPdfBackend = {
    async list() {
      guard('list');
      return [...metas.values()].map((m) => ({ ...m }));
    },
    async read(key) {
      guard('read');
      const meta = metas.get(key);
      const data = bytes.get(key);
      return meta && data ? { meta: { ...meta }, bytes: data.slice(0) } : undefined;
    },
    async put(meta, data) {
      guard('put');
      metas.set(meta.sha256, { ...meta });
      bytes.set(meta.sha256, data);
    },
    async putMeta(meta) {
      guard('putMeta');
      metas.set(meta.sha256, { ...meta });
    },
    async remove(keys) {
      guard('remove');
      for (const key of keys) {
        metas.delete(key);
        bytes.delete(key);
      }
    },
    async clear() {
      guard('clear');
      metas.clear();
      bytes.clear();
    },
  };
  return { backend, metas, bytes, calls, state };
}

/** A store on a fresh in-memory backend, with a clock that moves one tick per call. */
function setup(limits = { maxFiles: 3, maxBytes: 100 }) {
  const mem = memoryBackend();
  let clock = 1000;
  const store = new LocalPdfStore(mem.backend, limits, () => clock++);
  return { ...mem, store };
}

/** `size` bytes, all `fill`. */
const file = (fill: number, size = 10) => new Uint8Array(size).fill(fill);
/** A distinct well-formed key per number. */
const key = (n: number) => n.toString(16).padStart(64, '0');

describe('sha256Hex and isSha256', () => {
  it('give the SHA-256 Node computes, in lower-case hex, which has the form of a key', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 a report about the DPRK');
    const expected = createHash('sha256').update(bytes).digest('hex');
    const got = await sha256Hex(bytes);
    expect(got).toBe(expected);
    expect(isSha256(got)).toBe(true);
    // A view over part of a larger buffer hashes only its own bytes.
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 4);
    expect(await sha256Hex(padded.subarray(4, 4 + bytes.length))).toBe(expected);
  });

  it('refuse what is not a key', () => {
    expect(isSha256(key(1))).toBe(true);
    for (const bad of [
      null,
      undefined,
      '',
      'abc',
      key(1).toUpperCase().replace(/0/g, 'A'),
      `${key(1)}0`,
      'g'.repeat(64),
    ])
      expect(isSha256(bad), String(bad)).toBe(false);
  });
});

describe('LocalPdfStore', () => {
  it('keeps a file and gives its bytes back, marked as opened again', async () => {
    const { store, metas } = setup();
    expect(await store.keep(key(1), 'report.pdf', file(7))).toEqual({ kept: true, evicted: [] });
    const opened = await store.open(key(1));
    expect(opened?.meta).toEqual({ sha256: key(1), name: 'report.pdf', size: 10, openedAt: 1001 });
    expect([...(opened?.bytes ?? [])]).toEqual([...file(7)]);
    expect(metas.get(key(1))?.openedAt).toBe(1001);
    expect(await store.usage()).toEqual({ count: 1, bytes: 10 });
  });

  it('gives undefined for a file it does not keep, and zero usage when empty', async () => {
    const { store } = setup();
    expect(await store.usage()).toEqual({ count: 0, bytes: 0 });
    await store.keep(key(1), 'a.pdf', file(1));
    // Positive control above; another key is not there.
    expect(await store.open(key(1))).toBeDefined();
    expect(await store.open(key(2))).toBeUndefined();
  });

  it('stores a copy of the bytes, not a view the caller may hand to pdf.js', async () => {
    const { store, bytes } = setup();
    const big = new Uint8Array(20).fill(3);
    await store.keep(key(1), 'a.pdf', big.subarray(5, 15));
    expect(bytes.get(key(1))?.byteLength).toBe(10);
    big.fill(9);
    expect([...new Uint8Array(bytes.get(key(1)) as ArrayBuffer)]).toEqual(Array(10).fill(3));
  });

  it('keeps a file opened again once, with its new name, without writing its bytes again', async () => {
    const { store, metas, calls } = setup();
    await store.keep(key(1), 'draft.pdf', file(1));
    calls.length = 0;
    expect(await store.keep(key(1), 'final.pdf', file(1))).toEqual({ kept: true, evicted: [] });
    expect(calls).toContain('putMeta');
    expect(calls).not.toContain('put');
    expect(metas.size).toBe(1);
    expect(metas.get(key(1))?.name).toBe('final.pdf');
  });

  it('evicts the least recently opened file beyond the file limit; opening one keeps it', async () => {
    const { store, metas } = setup({ maxFiles: 3, maxBytes: 1000 });
    await store.keep(key(1), '1.pdf', file(1));
    await store.keep(key(2), '2.pdf', file(2));
    await store.keep(key(3), '3.pdf', file(3));
    // 1 is opened again: 2 is now the least recent.
    expect(await store.open(key(1))).toBeDefined();
    expect(await store.keep(key(4), '4.pdf', file(4))).toEqual({ kept: true, evicted: [key(2)] });
    expect([...metas.keys()].sort()).toEqual([key(1), key(3), key(4)]);
    expect(await store.open(key(2))).toBeUndefined();
  });

  it('evicts the oldest files until the bytes fit, and never an older one past a newer one that does not fit', async () => {
    const { store, metas } = setup({ maxFiles: 10, maxBytes: 100 });
    await store.keep(key(1), 'old-small.pdf', file(1, 5));
    await store.keep(key(2), 'mid-large.pdf', file(2, 50));
    await store.keep(key(3), 'new.pdf', file(3, 30));
    expect(await store.usage()).toEqual({ count: 3, bytes: 85 });
    // 40 more: 30 + 50 would be 120, so the 50 goes, and the older 5 with it (least recent first).
    expect(await store.keep(key(4), 'newest.pdf', file(4, 40))).toEqual({ kept: true, evicted: [key(2), key(1)] });
    expect([...metas.keys()].sort()).toEqual([key(3), key(4)]);
    expect(await store.usage()).toEqual({ count: 2, bytes: 70 });
  });

  it('keeps no file larger than the whole store, and evicts nothing for it', async () => {
    const { store, metas } = setup({ maxFiles: 3, maxBytes: 100 });
    await store.keep(key(1), 'a.pdf', file(1, 60));
    expect(await store.keep(key(2), 'huge.pdf', file(2, 101))).toEqual({ kept: false, reason: 'too-large' });
    expect([...metas.keys()]).toEqual([key(1)]);
    // Exactly the limit fits, alone.
    expect(await store.keep(key(3), 'full.pdf', file(3, 100))).toEqual({ kept: true, evicted: [key(1)] });
  });

  it('forgets every file', async () => {
    const { store } = setup();
    await store.keep(key(1), 'a.pdf', file(1));
    await store.keep(key(2), 'b.pdf', file(2));
    expect(await store.usage()).toEqual({ count: 2, bytes: 20 });
    expect(await store.forgetAll()).toBe(true);
    expect(await store.usage()).toEqual({ count: 0, bytes: 0 });
    expect(await store.open(key(1))).toBeUndefined();
  });

  it('never rejects when the storage fails: not kept, not found, nothing in use, not forgotten', async () => {
    const { store, state } = setup();
    await store.keep(key(1), 'a.pdf', file(1));
    state.fail = true;
    expect(await store.keep(key(2), 'b.pdf', file(2))).toEqual({ kept: false, reason: 'failed' });
    expect(await store.open(key(1))).toBeUndefined();
    expect(await store.usage()).toEqual({ count: 0, bytes: 0 });
    expect(await store.forgetAll()).toBe(false);
    // The same calls answer once the storage works again.
    state.fail = false;
    expect(await store.usage()).toEqual({ count: 1, bytes: 10 });
  });

  it('still opens a kept file whose open time cannot be saved', async () => {
    const { backend } = memoryBackend();
    await backend.put({ sha256: key(1), name: 'a.pdf', size: 3, openedAt: 1 }, new Uint8Array([1, 2, 3]).buffer);
    const store = new LocalPdfStore({
      ...backend,
      putMeta: async () => {
        throw new DOMException('read only', 'ReadOnlyError');
      },
    });
    expect([...((await store.open(key(1)))?.bytes ?? [])]).toEqual([1, 2, 3]);
  });

  it('has the limits the README states: 5 files, 200 MB in all', () => {
    expect(MAX_KEPT_FILES).toBe(5);
    expect(MAX_KEPT_BYTES).toBe(200_000_000);
  });
});

describe('toEvict', () => {
  const meta = (n: number, size: number, openedAt: number): KeptPdf => ({
    sha256: key(n),
    name: `${n}.pdf`,
    size,
    openedAt,
  });

  it('evicts nothing while everything fits, the least recent first when not', () => {
    const kept = [meta(1, 10, 1), meta(2, 10, 3), meta(3, 10, 2)];
    expect(toEvict(meta(4, 10, 9), kept, 4, 100)).toEqual([]);
    expect(toEvict(meta(4, 10, 9), kept, 3, 100)).toEqual([key(1)]);
    expect(toEvict(meta(4, 10, 9), kept, 2, 100)).toEqual([key(3), key(1)]);
    // By size: 85 + 10 fits, 10 more does not.
    expect(toEvict(meta(4, 85, 9), kept, 10, 100)).toEqual([key(3), key(1)]);
  });

  it('counts a file kept again once', () => {
    const kept = [meta(1, 10, 1), meta(2, 10, 2)];
    expect(toEvict(meta(1, 10, 9), kept, 2, 100)).toEqual([]);
  });
});

describe('localReaderAddress', () => {
  const reader = 'chrome-extension://abc/pdf.html';
  const sha = key(42);

  it('names the file by its hash and name, keeping #page=N from an address of no document', () => {
    const address = localReaderAddress(`${reader}#page=7`, sha, 'annual report (v2).pdf');
    const url = new URL(address);
    expect(address.split('?')[0]).toBe(reader);
    expect(url.searchParams.get('local')).toBe(sha);
    expect(url.searchParams.get('name')).toBe('annual report (v2).pdf');
    expect(url.hash).toBe('#page=7');
  });

  it('keeps the page when the address named this same file, drops it when another', () => {
    const same = localReaderAddress(`${reader}?local=${sha}&name=old.pdf#page=2`, sha, 'new.pdf');
    expect(new URL(same).hash).toBe('#page=2');
    expect(new URL(same).searchParams.get('name')).toBe('new.pdf');
    const other = localReaderAddress(`${reader}?local=${key(1)}&name=a.pdf#page=2`, sha, 'b.pdf');
    expect(new URL(other).hash).toBe('');
    expect(new URL(other).searchParams.get('local')).toBe(sha);
    const web = localReaderAddress(`${reader}?file=https%3A%2F%2Fun.example%2Fa.pdf#page=3`, sha, 'b.pdf');
    expect(new URL(web).hash).toBe('');
    expect(new URL(web).searchParams.has('file')).toBe(false);
  });
});
