// Draws the toolbar icon (a white bell on a blue circle) and writes
// public/icon/{16,32,48,128}.png. Uses only Node built-ins.
// Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 48, 128];
const BACKGROUND = [11, 92, 173];
const FOREGROUND = [255, 255, 255];
/** Samples per pixel side. The covered fraction of samples smooths the edges. */
const SUPERSAMPLE = 4;

function insideCircle(x, y, cx, cy, r) {
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Tells whether a point in the unit square belongs to the bell. */
function insideBell(x, y) {
  const dx = Math.abs(x - 0.5);
  const dome = y <= 0.42 && insideCircle(x, y, 0.5, 0.42, 0.19);
  // The body flares from the dome's width to the rim.
  const flare = 0.19 + ((y - 0.42) / 0.22) * 0.07;
  const body = y > 0.42 && y <= 0.64 && dx <= flare;
  const rim = y > 0.63 && y <= 0.69 && dx <= 0.3;
  const clapper = insideCircle(x, y, 0.5, 0.74, 0.065);
  const knob = insideCircle(x, y, 0.5, 0.22, 0.045);
  return dome || body || rim || clapper || knob;
}

/** Returns the RGBA color of the pixel (px, py) in an icon of `size` pixels. */
function shadePixel(px, py, size) {
  let circle = 0;
  let bell = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
      const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
      if (!insideCircle(x, y, 0.5, 0.5, 0.48)) continue;
      circle++;
      if (insideBell(x, y)) bell++;
    }
  }

  const samples = SUPERSAMPLE * SUPERSAMPLE;
  const mix = circle === 0 ? 0 : bell / circle;
  const rgb = BACKGROUND.map((b, i) => Math.round(b + (FOREGROUND[i] - b) * mix));
  return [...rgb, Math.round((circle / samples) * 255)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function encodeChunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes an RGBA image as a PNG: 8 bits per channel, no row filter. */
function encodePng(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) row.push(...shadePixel(x, y, size));
    rows.push(Buffer.from(row));
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    encodeChunk("IHDR", header),
    encodeChunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    encodeChunk("IEND", Buffer.alloc(0)),
  ]);
}

const folder = new URL("../public/icon/", import.meta.url);
mkdirSync(folder, { recursive: true });
for (const size of SIZES) {
  writeFileSync(new URL(`${size}.png`, folder), encodePng(size));
}
