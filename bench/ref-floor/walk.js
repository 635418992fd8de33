// The least any highlighter of page text must do: visit every text node and read its data,
// then read whatever the page adds. The character total is kept so the reads have a use.
(() => {
  let characters = 0;
  const readTree = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) characters += node.data.length;
  };
  const markDone = () => {
    document.documentElement.dataset.benchFloorDone = String(performance.now());
  };
  if (!document.body) return;
  readTree(document.body);
  markDone();
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') characters += record.target.data.length;
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.TEXT_NODE) characters += node.data.length;
        else if (node.nodeType === Node.ELEMENT_NODE) readTree(node);
      }
    }
    markDone();
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  self.benchFloorCharacters = () => characters;
})();
