// The matcher, built as a module of its own (`matcher.js`, see scripts/build-lazy-modules.ts) and
// imported by the content script only once the prefilter admits some text of the page: the alias
// tries, the alias list and the disambiguation rules are most of the engine's weight. The
// highlight style sheet comes with it: a page gets it only once it may have something to paint.
export { findMentions, pageContext } from '../../engine/find-mentions.ts';
export { highlightCss } from '../../page/styles.ts';
