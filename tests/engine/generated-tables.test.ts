import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import aliasData from '../../data/aliases.json' with { type: 'json' };
import { RULE_CHAOXIAN, RULE_HOST, RULE_INVERTED_NORTH } from '../../engine/alias-constants.ts';
import * as fold from '../../engine/fold.ts';
import * as tables from '../../engine/fold-tables.ts';
import { decodeBitTable, decodeFoldTable } from '../../engine/fold-tables.ts';
import {
  aliasConflicts,
  compileAliases,
  encodeBitTable,
  encodeFoldTable,
  GENERATED_TABLES_PATH,
  generateEngineTables,
} from '../../scripts/generate-engine-tables.ts';

/** Byte-for-byte equality of two typed arrays (toEqual takes seconds on 64K entries). */
function same(a: Uint8Array | Uint16Array, b: Uint8Array | Uint16Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe('engine/generated-tables.ts', () => {
  it('is what scripts/generate-engine-tables.ts makes of the fold rules and data/aliases.json (else run it)', () => {
    const onDisk = readFileSync(new URL(`../../${GENERATED_TABLES_PATH}`, import.meta.url), 'utf8');
    expect(onDisk.length).toBeGreaterThan(1000);
    expect(onDisk === generateEngineTables()).toBe(true);
  });

  it('decodes to fold.ts tables, entry for entry over all 65,536 code units', () => {
    const rules = fold.foldTables();
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const hex = c.toString(16);
      if (tables.foldLoose(c) !== rules.loose[c]) wrong.push(`loose ${hex}`);
      if (tables.foldStrict(c) !== rules.strict[c]) wrong.push(`strict ${hex}`);
      if (tables.isWordCode(c) !== (rules.word[c] === 1)) wrong.push(`word ${hex}`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    // Positive controls: the tables do fold.
    expect(tables.foldLoose('É'.charCodeAt(0))).toBe(0x65);
    expect(tables.foldStrict('Ｍ'.charCodeAt(0))).toBe(0x4d);
    expect(tables.isWordCode('ж'.charCodeAt(0))).toBe(true);
    expect(tables.isWordCode('북'.charCodeAt(0))).toBe(false);
  });

  it('folds strings as fold.ts does', () => {
    const samples = [
      '',
      '  Corée du Nord – ＭＳＭＴ\u00ad  ',
      'Recon-\nnaissance  General\u200bBureau',
      'Северной Кореи, ё, Yaptırım, كوريا الشمالية, צפון־קוריאה, 북한, 北朝鮮',
      // Every code unit once, in slices, surrogates included.
      ...Array.from({ length: 64 }, (_, k) =>
        String.fromCharCode(...Array.from({ length: 1024 }, (_, i) => k * 1024 + i)),
      ),
    ];
    for (const s of samples) expect(tables.foldString(s)).toBe(fold.foldString(s));
    expect(tables.foldString('  Corée du Nord ')).toBe('coree du nord');
  });

  it('encodes tables as runs that decode to the same tables', () => {
    const table = new Uint16Array(0x10000).map((_, c) => c);
    table[0x41] = 0x61;
    table[0x42] = 0x62;
    table[0xe9] = 0x65;
    table[0xea] = 0x65;
    table[0xfeff] = 0;
    table[0xffff] = 0x20;
    const delta = decodeFoldTable(encodeFoldTable(table));
    const restored = new Uint16Array(0x10000).map((_, c) => (c + (delta[c] as number)) & 0xffff);
    expect(same(restored, table)).toBe(true);
    expect(restored[0x41]).toBe(0x61);
    expect(decodeFoldTable(encodeFoldTable(new Uint16Array(0x10000).map((_, c) => c))).every((d) => d === 0)).toBe(
      true,
    );
    const bits = new Uint8Array(0x10000);
    bits.fill(1, 0x30, 0x3a);
    bits.fill(1, 0x4000, 0x9000);
    bits[0xffff] = 1;
    expect(same(decodeBitTable(encodeBitTable(bits)), bits)).toBe(true);
    expect(same(decodeBitTable(encodeBitTable(bits)), new Uint8Array(0x10000))).toBe(false);
    expect(encodeBitTable(new Uint8Array(0x10000))).toBe('');
  });

  it('flags the aliases that the rules single out by their text', () => {
    const compiled = compileAliases(aliasData as never);
    expect(compiled.length).toBeGreaterThan(200);
    const flagged = (flag: number) => compiled.filter((c) => (c.flags & flag) !== 0).map((c) => c.alias);
    expect(flagged(RULE_CHAOXIAN).sort()).toEqual(['朝鮮', '朝鲜']);
    expect(flagged(RULE_HOST)).toEqual(['msmt.info']);
    expect(flagged(RULE_INVERTED_NORTH)).toContain('Korea, North');
    expect(aliasConflicts(compiled)).toEqual([]);
    // A conflict is found when two entities claim one folded name.
    const clash = compileAliases({ dprk: { en: ['North Korea'] }, rgb: { en: ['NORTH korea'] } });
    expect(aliasConflicts(clash)).toEqual(['NORTH korea']);
  });
});
