/*
 * The mentions of a page, by block, in page order, with their counts and the cap. It knows
 * nothing of how blocks are read (DOM walking, a PDF text layer): a reader hands it blocks and
 * what the matcher found in them, and it decides what is kept and drawn.
 *
 * Invariants, after each `commit()` (unit-tested in mention-store.test.ts):
 * - what the painter draws is exactly `mentions()`, and `painted` and `paintedOf(entity)` count it;
 * - `painted` never exceeds the cap;
 * - `total` is `painted` plus the mentions found over the cap in blocks still held, so removing a
 *   block or an entity takes its share of both away, and `capped` is true only while some
 *   mention held is over the cap.
 */
import type { EntityId } from '../engine/types.ts';

/** What the store needs of a mention. */
export interface StoredMention {
  readonly entity: EntityId;
  /** Position among the store's mentions in page order; set by `mentions()`. */
  index: number;
}

/** Draws and undraws mentions; only the store calls it, so the drawing matches its counts. */
export interface MentionPainter<M> {
  paint(batch: readonly M[]): void;
  unpaint(batch: readonly M[]): void;
  clear(): void;
}

/** One block and what the store holds of it. */
export interface StoredBlock<B, M> {
  readonly block: B;
  /** Mentions under the cap, in block order: drawn, or drawn at the next `commit()`. */
  mentions: M[];
  /** The entities of the mentions found over the cap: counted in `total`, never drawn. */
  overCap: EntityId[];
}

export interface MentionStoreOptions<B, M> {
  painter: MentionPainter<M>;
  /** Page order of two blocks: negative when `a` comes first, 0 for the same block. */
  compare: (a: B, b: B) => number;
  /** Most mentions drawn at once. */
  cap: number;
  /** Aborting it undraws everything and empties the store for good. */
  signal?: AbortSignal;
}

/** The mentions of one page by block (`B`), drawn through a painter; see the invariants above. */
export class MentionStore<B, M extends StoredMention> {
  #entries: StoredBlock<B, M>[] = [];
  /** Mentions held but not drawn yet (a scan draws in a few large batches). */
  #pending = new Set<M>();
  /** Mentions held under the cap, drawn or pending. */
  #kept = 0;
  #over = 0;
  #paintedBy = new Map<EntityId, number>();
  #ordered: M[] | null = null;
  #closed = false;
  readonly #painter: MentionPainter<M>;
  readonly #compare: (a: B, b: B) => number;
  readonly #cap: number;

  constructor(options: MentionStoreOptions<B, M>) {
    this.#painter = options.painter;
    this.#compare = options.compare;
    this.#cap = options.cap;
    options.signal?.addEventListener('abort', () => {
      this.clear();
      this.#closed = true;
    });
  }

  /** Mentions drawn now. */
  get painted(): number {
    return this.#kept - this.#pending.size;
  }

  /** Mentions kept but not drawn yet (the next `commit` draws them). */
  get waiting(): number {
    return this.#pending.size;
  }

  /** Mentions found in the blocks held, drawn or over the cap. */
  get total(): number {
    return this.#kept + this.#over;
  }

  /** True while some mention found in a block held is over the cap (not drawn). */
  get capped(): boolean {
    return this.#over > 0;
  }

  /** How many more mentions may be kept before the cap; 0 at the cap. */
  get room(): number {
    return Math.max(0, this.#cap - this.#kept);
  }

  /** Mentions of `entity` drawn now; 0 for an entity with none. */
  paintedOf(entity: EntityId): number {
    return this.#paintedBy.get(entity) ?? 0;
  }

  /**
   * Holds `block` with what the matcher `found` in it, in page order. Mentions under the cap are
   * built with `toMention` (which may return undefined for one it cannot place: it is then left
   * out and not counted) and drawn at the next `commit()`; the rest only count. Returns the
   * stored block, or undefined when nothing was found (the block is then not held).
   */
  add<F extends { entity: EntityId }>(
    block: B,
    found: Iterable<F>,
    toMention: (found: F) => M | undefined,
  ): StoredBlock<B, M> | undefined {
    if (this.#closed) return undefined;
    const entry: StoredBlock<B, M> = { block, mentions: [], overCap: [] };
    for (const f of found) {
      if (this.#kept >= this.#cap) {
        entry.overCap.push(f.entity);
        this.#over++;
        continue;
      }
      const mention = toMention(f);
      if (!mention) continue;
      entry.mentions.push(mention);
      this.#pending.add(mention);
      this.#kept++;
    }
    if (entry.mentions.length === 0 && entry.overCap.length === 0) return undefined;
    this.#insert(entry);
    return entry;
  }

  /** Draws every mention added since the last commit. Returns how many were drawn (0: none waiting). */
  commit(): number {
    if (this.#pending.size === 0) return 0;
    const batch = [...this.#pending];
    this.#pending.clear();
    for (const m of batch) this.#paintedBy.set(m.entity, this.paintedOf(m.entity) + 1);
    this.#painter.paint(batch);
    return batch.length;
  }

  /**
   * Drops every block for which `gone` returns true, undrawing its mentions at once. Returns
   * how many mentions, drawn or over the cap, were dropped (0 when no block was).
   */
  removeBlocks(gone: (entry: StoredBlock<B, M>) => boolean): number {
    const kept: StoredBlock<B, M>[] = [];
    const dropped: M[] = [];
    let over = 0;
    for (const entry of this.#entries) {
      if (!gone(entry)) {
        kept.push(entry);
        continue;
      }
      for (const m of entry.mentions) dropped.push(m);
      over += entry.overCap.length;
    }
    if (dropped.length === 0 && over === 0) return 0;
    this.#entries = kept;
    this.#over -= over;
    this.#drop(dropped);
    return dropped.length + over;
  }

  /**
   * Keeps only the mentions whose entity `wanted` accepts (drawn or over the cap), undrawing the
   * others at once. Returns how many mentions were dropped (0 when none was).
   */
  retainEntities(wanted: (entity: EntityId) => boolean): number {
    const dropped: M[] = [];
    let over = 0;
    for (const entry of this.#entries) {
      if (entry.mentions.some((m) => !wanted(m.entity))) {
        for (const m of entry.mentions) if (!wanted(m.entity)) dropped.push(m);
        entry.mentions = entry.mentions.filter((m) => wanted(m.entity));
      }
      const overCap = entry.overCap.filter(wanted);
      over += entry.overCap.length - overCap.length;
      entry.overCap = overCap;
    }
    if (dropped.length === 0 && over === 0) return 0;
    this.#entries = this.#entries.filter((e) => e.mentions.length > 0 || e.overCap.length > 0);
    this.#over -= over;
    this.#drop(dropped);
    return dropped.length + over;
  }

  /**
   * The blocks holding mentions over the cap, in page order: when `room` opens, reading them
   * again draws what now fits. Empty when not capped.
   */
  overCapBlocks(): readonly StoredBlock<B, M>[] {
    if (this.#over === 0) return [];
    return this.#entries.filter((e) => e.overCap.length > 0);
  }

  /** The mentions held, in page order, each with its `index` set; empty after `clear()`. */
  mentions(): readonly M[] {
    if (!this.#ordered) {
      const ordered = this.#entries.flatMap((e) => e.mentions);
      ordered.forEach((m, i) => {
        m.index = i;
      });
      this.#ordered = ordered;
    }
    return this.#ordered;
  }

  /** Undraws and forgets everything. */
  clear(): void {
    this.#painter.clear();
    this.#entries = [];
    this.#pending.clear();
    this.#paintedBy.clear();
    this.#kept = 0;
    this.#over = 0;
    this.#ordered = null;
  }

  #drop(dropped: readonly M[]): void {
    this.#kept -= dropped.length;
    this.#ordered = null;
    const drawn = dropped.filter((m) => !this.#pending.delete(m));
    for (const m of drawn) this.#paintedBy.set(m.entity, this.paintedOf(m.entity) - 1);
    if (drawn.length > 0) this.#painter.unpaint(drawn);
  }

  /**
   * Inserts in page order. Appended content (a scan, an infinite scroll) costs one comparison;
   * anything else a binary search.
   */
  #insert(entry: StoredBlock<B, M>): void {
    this.#ordered = null;
    const entries = this.#entries;
    const last = entries[entries.length - 1];
    if (!last || this.#compare(last.block, entry.block) < 0) {
      entries.push(entry);
      return;
    }
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#compare((entries[mid] as StoredBlock<B, M>).block, entry.block) <= 0) lo = mid + 1;
      else hi = mid;
    }
    entries.splice(lo, 0, entry);
  }
}
