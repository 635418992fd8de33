export type { PageContext } from './find-mentions.ts';
export { findMentions, pageContext } from './find-mentions.ts';
export type { EntityId, Mention } from './types.ts';
export { ENTITY_IDS, HIGHLIGHTED_ENTITIES } from './types.ts';
