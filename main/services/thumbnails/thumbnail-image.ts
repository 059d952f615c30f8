/**
 * A series thumbnail from one decoded frame: shrunk by box averaging (every source pixel counts once, so thin
 * bright structures fade rather than flicker in and out as with nearest-neighbour sampling), then mapped to 8 bits
 * through a display window. The physical aspect is kept: non-square pixels (PixelSpacing) widen or narrow the image.
 */
import type { DisplayWindow, Rescale } from '../../../workers/dicom/slices/frame-attributes';

export interface ThumbnailSource {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** Stored values, samples of one pixel together, rows top to bottom (a frame decoded by workers/dicom). */
  values: ArrayLike<number>;
  rescale: Rescale;
  /** [between rows, between columns] in mm; square pixels when absent. */
  pixelSpacingMm?: [number, number];
  /** MONOCHROME1: high values are shown dark. */
  invert: boolean;
}

export interface ThumbnailImage {
  width: number;
  height: number;
  /** 1 grey, 3 RGB. */
  channels: 1 | 3;
  /** 8-bit samples, pixels of a row together, rows top to bottom. */
  pixels: Uint8Array;
}

/** Thumbnail size: the long physical side gets `maxSizePx` (never more pixels than the source has along it). */
export function thumbnailSize(rows: number, columns: number, pixelSpacingMm: [number, number] | undefined, maxSizePx: number): { width: number; height: number } {
  const [rowSpacing, columnSpacing] = pixelSpacingMm && pixelSpacingMm[0] > 0 && pixelSpacingMm[1] > 0 ? pixelSpacingMm : [1, 1];
  const widthMm = columns * columnSpacing;
  const heightMm = rows * rowSpacing;
  if (widthMm >= heightMm) {
    const width = Math.min(maxSizePx, columns);
    return { width, height: Math.max(1, Math.round((width * heightMm) / widthMm)) };
  }
  const height = Math.min(maxSizePx, rows);
  return { width: Math.max(1, Math.round((height * widthMm) / heightMm)), height };
}

/** Box-averaged source values (stored units) on the thumbnail grid, `channels` samples per pixel. */
function boxAverage(source: ThumbnailSource, width: number, height: number, channels: number): Float64Array {
  const { rows, columns, samplesPerPixel, values } = source;
  const sums = new Float64Array(width * height * channels);
  const counts = new Uint32Array(width * height);
  // Output column of each source column, output row of each source row: each source pixel lands in one box.
  const columnBox = Uint32Array.from({ length: columns }, (_, x) => Math.min(width - 1, Math.floor((x * width) / columns)));
  for (let y = 0; y < rows; y++) {
    const boxRow = Math.min(height - 1, Math.floor((y * height) / rows)) * width;
    let at = y * columns * samplesPerPixel;
    for (let x = 0; x < columns; x++, at += samplesPerPixel) {
      const box = boxRow + columnBox[x]!;
      counts[box]!++;
      for (let c = 0; c < channels; c++) sums[box * channels + c]! += values[at + c]!;
    }
  }
  for (let box = 0; box < counts.length; box++) for (let c = 0; c < channels; c++) sums[box * channels + c]! /= counts[box]!;
  return sums;
}

/**
 * The linear VOI function of PS3.3 C.11.2.1.2.1 with output range 0–255. Without a window the thumbnail's own
 * min–max is used (MR has no standard scale; the averaged values ignore single hot pixels).
 */
function windowToBytes(rescaled: Float64Array, window: DisplayWindow | undefined, invert: boolean): Uint8Array {
  // Values at or below `low` map to 0, `low + span` and above to 255.
  let low: number;
  let span: number;
  if (window) {
    low = window.center - 0.5 - (window.width - 1) / 2;
    span = window.width - 1;
  } else {
    let hi = -Infinity;
    low = Infinity;
    for (const v of rescaled) {
      if (v < low) low = v;
      if (v > hi) hi = v;
    }
    span = hi - low;
  }
  span = Math.max(span, 1e-9);
  const out = new Uint8Array(rescaled.length);
  for (let i = 0; i < rescaled.length; i++) {
    const y = Math.min(255, Math.max(0, Math.round(((rescaled[i]! - low) * 255) / span)));
    out[i] = invert ? 255 - y : y;
  }
  return out;
}

export function renderThumbnail(source: ThumbnailSource, window: DisplayWindow | undefined, maxSizePx = 128): ThumbnailImage {
  const { width, height } = thumbnailSize(source.rows, source.columns, source.pixelSpacingMm, maxSizePx);
  if (source.samplesPerPixel >= 3) {
    // Colour images carry their own display values: average and clamp, no window.
    const averaged = boxAverage(source, width, height, 3);
    return { width, height, channels: 3, pixels: Uint8Array.from(averaged, (v) => Math.min(255, Math.max(0, Math.round(v)))) };
  }
  const averaged = boxAverage(source, width, height, 1);
  const { slope, intercept } = source.rescale;
  // Rescale is linear, so averaging first and rescaling after is exact.
  for (let i = 0; i < averaged.length; i++) averaged[i] = averaged[i]! * slope + intercept;
  return { width, height, channels: 1, pixels: windowToBytes(averaged, window, source.invert) };
}
