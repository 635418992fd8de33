/*
 * The DOM's node type and document position constants, by name. Page code compares against these
 * rather than the global `Node`: the command-line scanner runs `text-blocks.ts` under Node.js with
 * a happy-dom window it does not install as globals, and a content script's `Node` belongs to its
 * own world, not to the `win` it was handed. The values are fixed by the DOM standard, and a unit
 * test checks them against `Node`.
 */

/** `Node.ELEMENT_NODE` */
export const ELEMENT_NODE = 1;
/** `Node.TEXT_NODE` */
export const TEXT_NODE = 3;
/** `Node.DOCUMENT_NODE` */
export const DOCUMENT_NODE = 9;
/** `Node.DOCUMENT_FRAGMENT_NODE` (shadow roots are document fragments) */
export const DOCUMENT_FRAGMENT_NODE = 11;
/** `Node.DOCUMENT_POSITION_PRECEDING`: the other node comes first. */
export const DOCUMENT_POSITION_PRECEDING = 2;
/** `Node.DOCUMENT_POSITION_FOLLOWING`: the other node comes after. */
export const DOCUMENT_POSITION_FOLLOWING = 4;
/** `NodeFilter.SHOW_TEXT`: a tree walker that stops at Text nodes only. */
export const SHOW_TEXT = 4;
