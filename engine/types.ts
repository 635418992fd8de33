import type { EntityId } from '../data/entities.ts';

export type { EntityId } from '../data/entities.ts';
export { ENTITY_IDS } from '../data/entities.ts';

/** Entities painted on pages and counted in the popup. */
export const HIGHLIGHTED_ENTITIES: readonly EntityId[] = ['dprk', 'unsc-1718', 'rgb', 'msmt'];

/** One mention of an entity in a string: `text === input.slice(start, end)`, offsets in UTF-16 code units. */
export interface Mention {
  entity: EntityId;
  start: number;
  end: number;
  text: string;
}
