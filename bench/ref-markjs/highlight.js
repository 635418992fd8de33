// How a term highlighter paints a fixed list: one alternation RegExp over every text node,
// each match wrapped in <mark>. `Mark` comes from mark.js (UMD) and `BENCH_ALIAS_SOURCE` from
// aliases.js, both loaded before this file into the same isolated world. Elements the page adds
// later are marked the same way; the observer is disconnected meanwhile so that its own <mark>
// elements do not call it again.
(() => {
  if (!document.body) return;
  const pattern = new RegExp(self.BENCH_ALIAS_SOURCE, 'giu');
  const markDone = () => {
    document.documentElement.dataset.benchMarkDone = String(performance.now());
  };
  const observed = { childList: true, subtree: true };
  const observer = new MutationObserver((records) => {
    observer.disconnect();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && node.isConnected) new self.Mark(node).markRegExp(pattern);
        else if (node.nodeType === Node.TEXT_NODE && node.parentElement && node.parentElement.localName !== 'mark') {
          new self.Mark(node.parentElement).markRegExp(pattern);
        }
      }
    }
    observer.observe(document.body, observed);
    markDone();
  });
  new self.Mark(document.body).markRegExp(pattern, {
    done: () => {
      markDone();
      observer.observe(document.body, observed);
    },
  });
})();
