/** Entities the product knows. The first four are detected and highlighted; the Panel of Experts is detected for context only. */
export const ENTITY_IDS = ['dprk', 'unsc-1718', 'rgb', 'msmt', 'panel-of-experts'] as const;
export type EntityId = (typeof ENTITY_IDS)[number];

/** Entities painted on pages and counted in the popup. */
export const HIGHLIGHTED_ENTITIES: readonly EntityId[] = ['dprk', 'unsc-1718', 'rgb', 'msmt'];

/** One mention of an entity in a string: `text === input.slice(start, end)`, offsets in UTF-16 code units. */
export interface Mention {
  entity: EntityId;
  start: number;
  end: number;
  text: string;
}
