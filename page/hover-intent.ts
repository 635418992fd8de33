/**
 * Hover intent over painted mentions, the timing half of the card controller (card-controller.ts): a
 * card opens only after the pointer rests on a mention for the delay (sweeping across text opens
 * nothing), stays open while the pointer is on its mention or inside the card, and closes after a
 * grace period once the pointer has left both (time to travel from the mention into the card).
 */
export interface HoverIntentOptions<M> {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  /** The mention under the point, if any. */
  mentionAt(x: number, y: number): M | undefined;
  /** The mention whose card is open, if any. */
  shown(): M | undefined;
  /** Read at each new mention, so a changed setting applies to the next card. */
  delayMs(): number;
  graceMs: number;
  open(mention: M): void;
  close(): void;
  /**
   * Optional: get the card of `mention` ready out of sight, called {@link PREPARE_LEAD_MS} before
   * the delay ends (at once when less is left), so the card only has to be shown when it does.
   */
  prepare?(mention: M): void;
  /** Optional: the mention last given to `prepare` will not open after all (the pointer moved on). */
  unprepare?(): void;
}

/**
 * How long before the delay ends a card is drawn out of sight: enough for the drawing, its layout
 * and placement to be done in the frames before, short enough that a pointer sweeping across text
 * rarely rests on a mention that long.
 */
export const PREPARE_LEAD_MS = 150;

export interface HoverIntent {
  /**
   * The pointer is at (x, y); `inCard` when it is over the open card. `sinceMs` is how long ago
   * it got there (0 when just now): the rest it already took counts toward the delay, so a
   * pointer read a frame late, or before the card code was loaded, opens its card on time.
   */
  pointer(x: number, y: number, inCard: boolean, sinceMs?: number): void;
  /** The pointer left the page: close after the grace period. */
  leave(): void;
  /** Forgets a card waiting to open or to close; call when a card opens or closes. */
  reset(): void;
}

/** Creates the hover-intent timers for one card host; nothing is scheduled until `pointer` is called. */
export function createHoverIntent<M>(o: HoverIntentOptions<M>): HoverIntent {
  let pending: { mention: M; timer: number; prepareTimer: number | undefined; prepared: boolean } | undefined;
  let closeTimer: number | undefined;

  const cancelPending = () => {
    if (!pending) return;
    o.clearTimeout(pending.timer);
    if (pending.prepareTimer !== undefined) o.clearTimeout(pending.prepareTimer);
    const { prepared } = pending;
    pending = undefined;
    if (prepared) o.unprepare?.();
  };
  const cancelClose = () => {
    if (closeTimer !== undefined) o.clearTimeout(closeTimer);
    closeTimer = undefined;
  };
  const scheduleClose = () => {
    if (closeTimer !== undefined || o.shown() === undefined) return;
    closeTimer = o.setTimeout(() => {
      closeTimer = undefined;
      o.close();
    }, o.graceMs);
  };

  return {
    pointer(x, y, inCard, sinceMs = 0) {
      const hit = inCard ? undefined : o.mentionAt(x, y);
      if (inCard || (hit !== undefined && hit === o.shown())) {
        cancelClose();
        cancelPending();
        return;
      }
      if (hit === undefined) {
        cancelPending();
        scheduleClose();
        return;
      }
      if (pending?.mention === hit) return;
      cancelPending();
      const left = Math.max(0, o.delayMs() - sinceMs);
      const entry: NonNullable<typeof pending> = { mention: hit, timer: 0, prepareTimer: undefined, prepared: false };
      const prepare = o.prepare;
      // Set first: timers due at the same time run in the order they were set.
      if (prepare) {
        entry.prepareTimer = o.setTimeout(
          () => {
            entry.prepareTimer = undefined;
            entry.prepared = true;
            prepare(hit);
          },
          Math.max(0, left - PREPARE_LEAD_MS),
        );
      }
      entry.timer = o.setTimeout(() => {
        pending = undefined;
        o.open(hit);
      }, left);
      pending = entry;
    },
    leave() {
      cancelPending();
      scheduleClose();
    },
    reset() {
      cancelPending();
      cancelClose();
    },
  };
}
