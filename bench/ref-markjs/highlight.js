// How a term highlighter paints a fixed list: one alternation RegExp over every text node,
// each match wrapped in <mark>. `Mark` comes from mark.js (UMD) and `BENCH_ALIAS_SOURCE` from
// aliases.js, both loaded before this file into the same isolated world.
(() => {
  const pattern = new RegExp(self.BENCH_ALIAS_SOURCE, 'giu');
  new self.Mark(document.body).markRegExp(pattern, {
    done: () => {
      document.documentElement.dataset.benchMarkDone = String(performance.now());
    },
  });
})();
