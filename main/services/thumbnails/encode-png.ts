/**
 * The smallest PNG writer a thumbnail needs (PNG spec, ISO/IEC 15948): 8-bit grey or RGB, no interlace, filter
 * type 0 on every row, one IDAT compressed with zlib. A PNG goes straight into an <img>, so the renderer needs no
 * canvas code.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { ThumbnailImage } from './thumbnail-image';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE = { 1: 0, 3: 2 } as const;

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  // The CRC covers the chunk type and data, not the length.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodePng(image: ThumbnailImage): Buffer {
  const { width, height, channels, pixels } = image;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(COLOUR_TYPE[channels], 9);
  // bytes 10–12: compression 0 (deflate), filter method 0, no interlace
  const rowBytes = width * channels;
  const raw = Buffer.alloc(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
