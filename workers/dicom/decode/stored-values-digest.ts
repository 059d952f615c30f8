/**
 * The fingerprint `twin pixels` prints: SHA-256 over the stored values written as little-endian int32 in frame, row,
 * column, sample order, with their min and max. Two lossless encodings of one image give the same digest whatever
 * their bit depth, byte order or planar configuration. Frames are added one at a time so memory stays one frame.
 */
import { createHash } from 'node:crypto';
import type { StoredValues } from './stored-values';

export interface StoredValuesSummary {
  min: number;
  max: number;
  sha256: string;
}

export class StoredValuesDigest {
  private readonly hash = createHash('sha256');
  private min = Infinity;
  private max = -Infinity;

  add(frame: StoredValues): void {
    const bytes = Buffer.alloc(frame.length * 4);
    for (let i = 0; i < frame.length; i++) {
      const v = frame[i]!;
      if (v < this.min) this.min = v;
      if (v > this.max) this.max = v;
      bytes.writeInt32LE(Math.trunc(v) | 0, i * 4);
    }
    this.hash.update(bytes);
  }

  summary(): StoredValuesSummary {
    return { min: this.min, max: this.max, sha256: this.hash.digest('hex') };
  }
}
