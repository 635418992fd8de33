/**
 * Draws the toolbar icon (a navy rounded square with lines of text, the middle one marked by a red
 * highlighter stroke) and writes `public/icon/{16,32,48,128}.png`, which WXT puts in the manifest.
 *
 * Run with `npm run icons`. Pure Node: the PNG encoder below needs only node:zlib, because no kept
 * image library is a dependency and the icon is a handful of rounded rectangles.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 48, 128] as const;

type Rgb = readonly [number, number, number];

const NAVY: Rgb = [0x1b, 0x2a, 0x4a];
const WHITE: Rgb = [0xf4, 0xf6, 0xfa];
const RED: Rgb = [0xe0, 0x3a, 0x3e];

/** A rounded rectangle in unit coordinates (the icon spans 0…1 on both axes). */
interface Shape {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  radius: number;
  color: Rgb;
}

// Back to front. Thick strokes so the 16 px icon still reads as "text with one line highlighted".
const SHAPES: readonly Shape[] = [
  { x0: 0, y0: 0, x1: 1, y1: 1, radius: 0.22, color: NAVY },
  { x0: 0.2, y0: 0.2, x1: 0.8, y1: 0.31, radius: 0.055, color: WHITE },
  { x0: 0.13, y0: 0.4, x1: 0.87, y1: 0.62, radius: 0.06, color: RED },
  { x0: 0.2, y0: 0.455, x1: 0.8, y1: 0.565, radius: 0.055, color: WHITE },
  { x0: 0.2, y0: 0.71, x1: 0.62, y1: 0.82, radius: 0.055, color: WHITE },
];

/** Signed distance from point (px, py) to a rounded rectangle: negative inside, positive outside. */
function roundedRectDistance(px: number, py: number, s: Shape): number {
  const cx = (s.x0 + s.x1) / 2;
  const cy = (s.y0 + s.y1) / 2;
  const hx = (s.x1 - s.x0) / 2 - s.radius;
  const hy = (s.y1 - s.y0) / 2 - s.radius;
  const qx = Math.abs(px - cx) - hx;
  const qy = Math.abs(py - cy) - hy;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - s.radius;
}

/**
 * Renders the icon as straight (non-premultiplied) RGBA, `size * size * 4` bytes.
 * Anti-aliased by supersampling each pixel on an 8×8 grid; a size below 1 returns an empty buffer.
 */
export function renderIcon(size: number): Uint8Array {
  const n = Math.max(0, Math.floor(size));
  const out = new Uint8Array(n * n * 4);
  const grid = 8;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      // Premultiplied accumulation, so partially covered edges blend correctly over transparency.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const px = (x + (sx + 0.5) / grid) / n;
          const py = (y + (sy + 0.5) / grid) / n;
          let sr = 0;
          let sg = 0;
          let sb = 0;
          let sa = 0;
          for (const shape of SHAPES) {
            if (roundedRectDistance(px, py, shape) <= 0) {
              [sr, sg, sb] = shape.color;
              sa = 1;
            }
          }
          r += sr * sa;
          g += sg * sa;
          b += sb * sa;
          a += sa;
        }
      }
      const i = (y * n + x) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((255 * a) / (grid * grid));
    }
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Encodes straight RGBA pixels as an 8-bit truecolour-with-alpha PNG.
 * Throws a RangeError when `rgba` is not exactly `width * height * 4` bytes.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // Bytes 10–12 stay 0: deflate compression, adaptive filtering, no interlace.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None: the images are tiny, deflate does the rest
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Writes every icon size into `dir` (created if missing) and returns the paths written. */
export function writeIcons(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = join(dir, `${size}.png`);
    writeFileSync(file, encodePng(size, size, renderIcon(size)));
    return file;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  for (const file of writeIcons(join(root, 'public', 'icon'))) console.log(`wrote ${relative(root, file)}`);
}
