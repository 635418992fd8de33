/**
 * The entities the product knows. The first four are detected and highlighted; the Panel of
 * Experts is detected for context only. The list lives with the data that describes the entities,
 * so that data/ imports nothing from the layers that use it (engine/ re-exports it).
 */
export const ENTITY_IDS = ['dprk', 'unsc-1718', 'rgb', 'msmt', 'panel-of-experts'] as const;
export type EntityId = (typeof ENTITY_IDS)[number];
