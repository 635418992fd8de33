// The simplest painter on the Highlight API: one alternation RegExp over every text node, one
// Range per match, all in one Highlight registered once. What the page adds later is matched
// the same way and added to that (registered) Highlight, one update per MutationObserver call.
// `BENCH_ALIAS_SOURCE` comes from aliases.js, loaded before this file.
(() => {
  if (!document.body || !self.CSS?.highlights) return;
  const pattern = new RegExp(self.BENCH_ALIAS_SOURCE, 'giu');
  const highlight = new Highlight();
  const matchText = (node, into) => {
    for (const match of node.data.matchAll(pattern)) {
      const range = new Range();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      into.push(range);
    }
  };
  const readTree = (root, into) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) matchText(node, into);
  };
  const markDone = () => {
    document.documentElement.dataset.benchNaiveDone = String(performance.now());
  };
  const first = [];
  readTree(document.body, first);
  for (const range of first) highlight.add(range);
  CSS.highlights.set('bench-naive', highlight);
  markDone();
  new MutationObserver((records) => {
    const added = [];
    for (const record of records) {
      if (record.type === 'characterData') matchText(record.target, added);
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.TEXT_NODE) matchText(node, added);
        else if (node.nodeType === Node.ELEMENT_NODE) readTree(node, added);
      }
    }
    for (const range of added) highlight.add(range);
    markDone();
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})();
