// The naive baseline of `npm run bench:scan`: what someone would write in a few minutes instead of
// the scan CLI. `node bench/naive-scan.mjs FILE...` reads each file as UTF-8, runs one
// case-insensitive alternation of every alias in data/aliases.json (the `*` inflection marks
// dropped, longest first) with matchAll, and prints the same JSON shape as scan. It tells none of
// the look-alikes apart (RGB colours, MŠMT, 1718 as a year) and knows no page context.
import { readFileSync } from 'node:fs';

const aliasFile = new URL('../data/aliases.json', import.meta.url);
const byAlias = new Map();
const walk = (value, entity) => {
  if (typeof value === 'string') {
    const alias = value.replaceAll('*', '').trim();
    if (alias) byAlias.set(alias.toLowerCase(), entity);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) walk(item, entity);
  }
};
for (const [entity, value] of Object.entries(JSON.parse(readFileSync(aliasFile, 'utf8')))) walk(value, entity);
const aliases = [...byAlias.keys()].sort((a, b) => b.length - a.length);
const pattern = new RegExp(aliases.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');

const results = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const mentions = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const entity = byAlias.get(match[0].toLowerCase()) ?? '?';
    mentions.push({ entity, start, end: start + match[0].length, text: match[0] });
  }
  results.push(JSON.stringify({ file, mentions }));
}
process.stdout.write(`[\n${results.join(',\n')}\n]\n`);
