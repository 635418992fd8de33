// No DOM here on purpose: the store must work with any reader (a PDF text layer later).
import { describe, expect, it } from 'vitest';
import type { EntityId } from '../engine/types.ts';
import { type MentionPainter, MentionStore } from '../page/mention-store.ts';

interface Block {
  id: string;
  /** Page position. */
  at: number;
}
interface Found {
  entity: EntityId;
  /** A mention that cannot be placed (no range) when true. */
  unplaceable?: boolean;
}
interface M {
  entity: EntityId;
  index: number;
  block: string;
}

/** Records what is drawn, as a set, so every check compares the store with the drawing. */
class FakePainter implements MentionPainter<M> {
  readonly drawn = new Set<M>();
  paints = 0;
  paint(batch: readonly M[]) {
    this.paints++;
    for (const m of batch) {
      expect(this.drawn.has(m), 'drawn twice').toBe(false);
      this.drawn.add(m);
    }
  }
  unpaint(batch: readonly M[]) {
    for (const m of batch) expect(this.drawn.delete(m), 'undrawn but not drawn').toBe(true);
  }
  clear() {
    this.drawn.clear();
  }
  count(entity: EntityId) {
    return [...this.drawn].filter((m) => m.entity === entity).length;
  }
}

const ENTITIES: EntityId[] = ['dprk', 'msmt', 'rgb', 'unsc-1718'];

function setup(cap = 10, signal?: AbortSignal) {
  const painter = new FakePainter();
  const store = new MentionStore<Block, M>({ painter, compare: (a, b) => a.at - b.at, cap, signal });
  const add = (block: Block, found: Found[]) =>
    store.add(block, found, (f) => (f.unplaceable ? undefined : { entity: f.entity, index: -1, block: block.id }));
  return { painter, store, add };
}

const many = (entity: EntityId, n: number): Found[] => Array.from({ length: n }, () => ({ entity }));

/** The invariants the store promises after every commit. */
function expectConsistent(store: MentionStore<Block, M>, painter: FakePainter, cap: number) {
  const listed = store.mentions();
  expect(new Set(listed)).toEqual(painter.drawn);
  expect(store.painted).toBe(painter.drawn.size);
  expect(listed.length).toBe(painter.drawn.size);
  for (const e of ENTITIES) expect(store.paintedOf(e)).toBe(painter.count(e));
  expect(store.painted).toBeLessThanOrEqual(cap);
  expect(store.total).toBeGreaterThanOrEqual(store.painted);
  expect(store.capped).toBe(store.total > store.painted);
  expect(listed.map((m) => m.index)).toEqual(listed.map((_, i) => i));
}

describe('MentionStore', () => {
  it('keeps mentions under the cap, counts the rest, and draws only on commit', () => {
    const { painter, store, add } = setup(10);
    add({ id: 'a', at: 1 }, many('dprk', 30));
    expect(painter.drawn.size).toBe(0);
    expect(store.painted).toBe(0);
    expect(store.commit()).toBe(10);
    expect([store.painted, store.total, store.capped, store.room]).toEqual([10, 30, true, 0]);
    expectConsistent(store, painter, 10);
  });

  it('takes a removed block out of every count, over-cap mentions included (drifted before)', () => {
    const { painter, store, add } = setup(10);
    add({ id: 'a', at: 1 }, many('dprk', 30));
    store.commit();
    expect(store.removeBlocks((e) => e.block.id === 'a')).toBe(30);
    expect([store.painted, store.total, store.capped, store.room]).toEqual([0, 0, false, 10]);
    expect(painter.drawn.size).toBe(0);
    expectConsistent(store, painter, 10);
  });

  it('keeps blocks in page order whatever the order they are added in, with one comparison per append', () => {
    const painter = new FakePainter();
    let comparisons = 0;
    const store = new MentionStore<Block, M>({
      painter,
      compare: (a, b) => {
        comparisons++;
        return a.at - b.at;
      },
      cap: 100,
    });
    const add = (id: string, at: number, entity: EntityId) =>
      store.add({ id, at }, [{ entity }], (f) => ({ entity: f.entity, index: -1, block: id }));
    for (let i = 0; i < 20; i++) add(`b${i}`, i * 10, 'dprk');
    expect(comparisons).toBe(19);
    add('middle', 55, 'msmt');
    add('first', -1, 'rgb');
    store.commit();
    const order = store.mentions().map((m) => m.block);
    expect(order.slice(0, 8)).toEqual(['first', 'b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'middle']);
    expect(order).toHaveLength(22);
    expectConsistent(store, painter, 100);
  });

  it('does not hold a block without mentions, and leaves out mentions it cannot place', () => {
    const { painter, store, add } = setup(10);
    expect(add({ id: 'empty', at: 1 }, [])).toBeUndefined();
    const entry = add({ id: 'b', at: 2 }, [{ entity: 'dprk' }, { entity: 'msmt', unplaceable: true }]);
    expect(entry?.mentions.map((m) => m.entity)).toEqual(['dprk']);
    store.commit();
    expect([store.painted, store.total]).toEqual([1, 1]);
    expectConsistent(store, painter, 10);
  });

  it('undraws at once what is dropped before it was drawn, and never draws it', () => {
    const { painter, store, add } = setup(10);
    add({ id: 'a', at: 1 }, many('dprk', 3));
    store.commit();
    add({ id: 'b', at: 2 }, many('msmt', 2));
    store.removeBlocks((e) => e.block.id === 'b');
    expect(store.commit()).toBe(0);
    expect([store.painted, store.total, store.paintedOf('msmt')]).toEqual([3, 3, 0]);
    expectConsistent(store, painter, 10);
  });

  it('drops one entity everywhere, over-cap mentions included, and frees room for the rest', () => {
    const { painter, store, add } = setup(4);
    add({ id: 'a', at: 1 }, [{ entity: 'dprk' }, { entity: 'msmt' }, { entity: 'dprk' }]);
    add({ id: 'b', at: 2 }, [{ entity: 'msmt' }, { entity: 'rgb' }, { entity: 'msmt' }]);
    store.commit();
    expect([store.painted, store.total, store.capped]).toEqual([4, 6, true]);
    expect(store.overCapBlocks().map((e) => e.block.id)).toEqual(['b']);
    expect(store.retainEntities((e) => e !== 'msmt')).toBe(3);
    // What is left: two dprk drawn in a, and one rgb in b over the cap (it was never placed).
    expect([store.painted, store.total, store.capped, store.room]).toEqual([2, 3, true, 2]);
    expect(store.mentions().map((m) => m.entity)).toEqual(['dprk', 'dprk']);
    expectConsistent(store, painter, 4);
    // Reading the over-cap block again (what the annotator does once room opens) draws it.
    store.removeBlocks((e) => e.block.id === 'b');
    add({ id: 'b', at: 2 }, [{ entity: 'rgb' }]);
    store.commit();
    expect([store.painted, store.total, store.capped]).toEqual([3, 3, false]);
    expect(store.overCapBlocks()).toEqual([]);
    expectConsistent(store, painter, 4);
  });

  it('holds its invariants through a long random sequence of changes', () => {
    const cap = 25;
    const { painter, store, add } = setup(cap);
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    let next = 0;
    let checks = 0;
    for (let step = 0; step < 400; step++) {
      const r = random();
      if (r < 0.5) {
        const found = Array.from({ length: Math.floor(random() * 8) }, () => ({ entity: pick(ENTITIES) }));
        add({ id: `x${next++}`, at: Math.floor(random() * 1000) }, found);
      } else if (r < 0.8) {
        const gone = new Set(
          store
            .mentions()
            .filter(() => random() < 0.3)
            .map((m) => m.block),
        );
        store.removeBlocks((e) => gone.has(e.block.id));
      } else if (r < 0.85) {
        const dropped = pick(ENTITIES);
        store.retainEntities((e) => e !== dropped);
      } else if (r < 0.87) {
        store.clear();
      }
      // Now and then a change is left undrawn until a later commit, as a scan does.
      if (random() < 0.7) {
        store.commit();
        expectConsistent(store, painter, cap);
        checks++;
      }
    }
    expect(checks).toBeGreaterThan(200);
  });

  it('undraws everything and takes nothing more once its signal aborts', () => {
    const controller = new AbortController();
    const { painter, store, add } = setup(10, controller.signal);
    add({ id: 'a', at: 1 }, many('dprk', 3));
    store.commit();
    expect(painter.drawn.size).toBe(3);
    controller.abort();
    expect(painter.drawn.size).toBe(0);
    expect(add({ id: 'b', at: 2 }, many('dprk', 1))).toBeUndefined();
    expect([store.painted, store.total, store.mentions().length]).toEqual([0, 0, 0]);
  });
});
