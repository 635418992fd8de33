// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BURST_ROOTS,
  type ChangeBatch,
  ChangeWatcher,
  classifyRecords,
  watchDocumentReplaced,
} from '../../page/change-watcher.ts';

const win = window as unknown as Window & typeof globalThis;
const HOST = 'sanctions-context-card';
const exclude = (el: Element) => el.localName === HOST;

const oneFrame = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await oneFrame();
};
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function mount(html: string): HTMLElement {
  document.body.innerHTML = `<main>${html}</main>`;
  return document.querySelector('main') as HTMLElement;
}

/** The records `change` produces under `root`, taken synchronously. */
function recordsOf(root: Node, change: () => void): MutationRecord[] {
  const observer = new MutationObserver(() => {});
  observer.observe(root, { childList: true, characterData: true, subtree: true });
  change();
  const records = observer.takeRecords();
  observer.disconnect();
  return records;
}

const ids = (els: Iterable<Element>) => [...els].map((el) => el.id || el.localName);

describe('classifyRecords', () => {
  it('reads new block-level elements on their own, outermost only', () => {
    const main = mount('<p id="old">Old</p>');
    const records = recordsOf(main, () => {
      const div = Object.assign(document.createElement('div'), { id: 'new' });
      main.append(div);
      div.append(Object.assign(document.createElement('p'), { id: 'inner', textContent: 'Inner' }));
      main.append(Object.assign(document.createElement('p'), { id: 'second', textContent: 'Second' }));
    });
    expect(records.length).toBeGreaterThan(0);
    const batch = classifyRecords(records, exclude);
    expect(ids(batch.roots)).toEqual(['new', 'second']);
    expect(ids(batch.changed)).toEqual([]);
    expect(batch.removals).toBe(false);
  });

  it('re-reads the enclosing block of text edits and inline insertions', () => {
    const main = mount('<p id="a">North <b>Korea</b></p><p id="b">DPRK</p>');
    const records = recordsOf(main, () => {
      (main.querySelector('#a b')?.firstChild as Text).data = 'Korea!';
      main.querySelector('#b')?.append(document.createElement('i'));
    });
    const batch = classifyRecords(records, exclude);
    expect(ids(batch.changed).sort()).toEqual(['a', 'b']);
    expect(ids(batch.roots).sort()).toEqual(['a', 'b']);
    expect(batch.removals).toBe(false);
  });

  it('flags removals, and ignores the extension’s own UI and everything inside it', () => {
    const main = mount('<p id="gone">DPRK</p>');
    const host = document.createElement(HOST);
    const removal = recordsOf(main, () => main.querySelector('#gone')?.remove());
    expect(classifyRecords(removal, exclude).removals).toBe(true);

    const ours = recordsOf(document.body, () => {
      document.body.append(host);
      host.append(Object.assign(document.createElement('p'), { textContent: 'Card about the DPRK' }));
      host.remove();
    });
    expect(ours.length).toBeGreaterThanOrEqual(3);
    const batch = classifyRecords(ours, exclude);
    expect([batch.roots, [...batch.changed], batch.removals]).toEqual([[], [], false]);
    // Positive control: the same records with nothing excluded are read.
    expect(classifyRecords(ours, () => false).roots.length).toBeGreaterThan(0);
    expect(batch.isOurs(host)).toBe(true);
    expect(batch.isOurs(main)).toBe(false);
  });
});

describe('ChangeWatcher', () => {
  let controller: AbortController;
  let batches: ChangeBatch[];
  let accept: boolean;

  const watch = (flushGapMs = 0) => {
    const watcher = new ChangeWatcher({
      win,
      signal: controller.signal,
      exclude,
      flushGapMs,
      onChanges: (batch) => {
        batches.push(batch);
        return accept;
      },
    });
    watcher.observe(document.body);
    return watcher;
  };
  const addParagraph = (main: Element, text: string) =>
    main.append(Object.assign(document.createElement('p'), { textContent: text }));

  beforeEach(() => {
    controller = new AbortController();
    batches = [];
    accept = true;
  });
  afterEach(() => controller.abort());

  it('hands over the changes of one frame in one batch, after that frame', async () => {
    const main = mount('');
    watch();
    addParagraph(main, 'One');
    addParagraph(main, 'Two');
    await Promise.resolve();
    expect(batches).toHaveLength(0);
    await frames();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.roots.map((el) => el.textContent)).toEqual(['One', 'Two']);
  });

  it('queues while paused, says so, and hands over on resume', async () => {
    const main = mount('');
    const watcher = watch();
    watcher.pause();
    addParagraph(main, 'During a scan');
    await frames();
    expect(batches).toHaveLength(0);
    watcher.resume();
    await frames();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.queuedWhilePaused).toBe(true);
    addParagraph(main, 'After');
    await frames();
    expect(batches).toHaveLength(2);
    expect(batches[1]?.queuedWhilePaused).toBe(false);
  });

  it('keeps a refused batch and hands it over again with the next changes', async () => {
    const main = mount('');
    const watcher = watch();
    accept = false;
    addParagraph(main, 'First');
    await frames();
    expect(batches).toHaveLength(1);
    accept = true;
    watcher.schedule();
    await frames();
    expect(batches).toHaveLength(2);
    expect(batches[1]?.roots.map((el) => el.textContent)).toEqual(['First']);
  });

  it('forgets queued changes on discard()', async () => {
    const main = mount('');
    const watcher = watch();
    watcher.pause();
    addParagraph(main, 'Stale');
    await Promise.resolve();
    watcher.discard();
    watcher.resume();
    await frames();
    expect(batches).toHaveLength(0);
    // Positive control: it still watches.
    addParagraph(main, 'Fresh');
    await frames();
    expect(batches.map((b) => b.roots.length)).toEqual([1]);
  });

  it('after a burst, waits flushGapMs before the next read', async () => {
    const main = mount('');
    watch(300);
    for (let i = 0; i < BURST_ROOTS; i++) addParagraph(main, `Item ${i}`);
    await frames();
    expect(batches).toHaveLength(1);
    addParagraph(main, 'Soon after');
    await frames();
    expect(batches).toHaveLength(1);
    await sleep(350);
    await frames();
    expect(batches).toHaveLength(2);
  });

  it('stops for good when its signal aborts', async () => {
    const main = mount('');
    watch();
    addParagraph(main, 'Before');
    await frames();
    expect(batches).toHaveLength(1);
    controller.abort();
    addParagraph(main, 'After');
    await frames();
    expect(batches).toHaveLength(1);
  });
});

describe('watchDocumentReplaced', () => {
  it('reports a new root element until its signal aborts', async () => {
    const doc = document.implementation.createHTMLDocument('t');
    const controller = new AbortController();
    let replaced = 0;
    watchDocumentReplaced(doc, win, controller.signal, () => replaced++);
    doc.documentElement.remove();
    doc.append(doc.createElement('html'));
    await sleep(0);
    expect(replaced).toBe(1);
    controller.abort();
    doc.documentElement.remove();
    doc.append(doc.createElement('html'));
    await sleep(0);
    expect(replaced).toBe(1);
  });
});
