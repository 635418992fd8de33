import { existsSync, readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, ICON_SIZES, renderIcon } from '../../scripts/make-icons.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function iconPath(size: number): string {
  return new URL(`../../public/icon/${size}.png`, import.meta.url).pathname;
}

/** Reads IHDR and the unfiltered RGBA pixels of a PNG written by our encoder (filter type 0 only). */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  expect(raw.length).toBe(stride * height);
  return {
    width,
    height,
    pixel: (x, y) => [...raw.subarray(y * stride + 1 + x * 4, y * stride + 1 + x * 4 + 4)],
  };
}

describe('toolbar icons', () => {
  it.each(ICON_SIZES)('public/icon/%i.png is a PNG of that size', (size) => {
    const file = iconPath(size);
    expect(existsSync(file)).toBe(true);
    const { width, height } = decode(readFileSync(file));
    expect([width, height]).toEqual([size, size]);
  });

  it.each(ICON_SIZES)('%i px: transparent rounded corners, opaque navy body, white line in the middle', (size) => {
    const { pixel } = decode(readFileSync(iconPath(size)));
    expect(pixel(0, 0)[3]).toBe(0);
    expect(pixel(size - 1, size - 1)[3]).toBe(0);
    // Left edge, halfway down the top line: background only.
    const edge = pixel(Math.floor(size * 0.06), Math.floor(size * 0.25));
    expect(edge[3]).toBe(255);
    expect(edge[2]).toBeGreaterThan((edge[0] ?? 0) + 20); // navy: more blue than red
    const centre = pixel(Math.floor(size / 2), Math.floor(size * 0.51));
    expect(centre.every((c) => c > 200)).toBe(true);
  });

  it('the committed icons are what scripts/make-icons.ts draws (run `npm run icons` after changing it)', () => {
    for (const size of ICON_SIZES) {
      expect(readFileSync(iconPath(size)).equals(encodePng(size, size, renderIcon(size)))).toBe(true);
    }
  });

  it('the encoder rejects pixel buffers of the wrong length', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
  });
});
