const DIACRITICS = /[\u0300-\u036f]/g;

/**
 * `text` after compatibility decomposition with its combining diacritics dropped ("Corée" →
 * "Coree", "ＭＳＭＴ" → "MSMT"): the prefilter's second search (engine/prefilter.ts), and what the
 * table generator (scripts/generate-engine-tables.ts) builds that search's tables for.
 */
export function stripDiacritics(text: string): string {
  return text.normalize('NFKD').replace(DIACRITICS, '');
}
