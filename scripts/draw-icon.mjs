// Draws images/icon.png (128x128): three hops, internet -> Nginx -> HAProxy -> Service, on a rounded square.
// Kept as code so the icon can be changed without an image editor; run `node scripts/draw-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const background = [0x1f, 0x3a, 0x5f];
const line = [0x9f, 0xc5, 0xe8];
const hops = [
  { x: 30, y: 88, color: [0x2e, 0xa0, 0x43] },
  { x: 64, y: 40, color: [0x3d, 0x8b, 0xfd] },
  { x: 98, y: 88, color: [0x32, 0x6c, 0xe5] },
];

const inRoundedSquare = (x, y) => {
  const r = 24;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const nearSegment = (x, y, a, b, width) => {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy)));
  return (x - a.x - t * dx) ** 2 + (y - a.y - t * dy) ** 2 <= (width / 2) ** 2;
};

function colorAt(x, y) {
  if (!inRoundedSquare(x, y)) return undefined;
  for (const hop of hops) {
    const d = Math.hypot(x - hop.x, y - hop.y);
    if (d <= 11) return [255, 255, 255];
    if (d <= 17) return hop.color;
  }
  if (nearSegment(x, y, hops[0], hops[1], 6) || nearSegment(x, y, hops[1], hops[2], 6)) return line;
  return background;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const color = colorAt(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
        if (!color) continue;
        for (let i = 0; i < 3; i++) sum[i] += color[i];
        sum[3] += 255;
      }
    }
    const covered = sum[3] / 255;
    for (let i = 0; i < 3; i++) row[1 + x * 4 + i] = covered ? Math.round(sum[i] / covered) : 0;
    row[1 + x * 4 + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8;
header[9] = 6;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(fileURLToPath(new URL('../images/icon.png', import.meta.url)), png);
