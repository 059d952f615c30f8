/**
 * loadSeriesVolume: one series → one Volume in LPS millimetres with rescale applied.
 *
 * Memory: the voxel array is allocated once and each slice is decoded and written into it before the next file is
 * read, through one reused read buffer; beside the volume there is only one file's bytes and, for compressed data,
 * one decoded frame. Uncompressed little-endian 16-bit slices (most CT and MR) skip even that: the kernel reads
 * their stored values straight into the volume, a few slices ahead on the thread pool (NativeReadAhead), and each is
 * then masked and rescaled while in cache, through a one-slice SIMD buffer (writeSlice); when the scan or the plan
 * already knows where they are in the file, the header is not parsed again.
 *
 * Int16 when the rescale is integer and the rescaled values fit int16, as for CT in HU; Float32 otherwise. Where the
 * range the header allows (Bits Stored, Pixel Representation) already fits, slices are copied without looking;
 * otherwise (16-bit CT with intercept −1024, 16-bit MR) each slice's actual range is checked first, and in the rare
 * series whose values do not fit, or whose later slices bring a fractional rescale, the load starts again as Float32.
 */
import type { JobContext } from '../process/job-context';
import type { Mat3, Vec3, Volume } from '../volume/volume';
import { pixelSource, type PixelSource } from './decode/decode-frame';
import { native16BitFrameOffset, readNative16BitFrameLater } from './decode/native-frame-range';
import { readPixelFormat, type PixelFormat } from './decode/pixel-format';
import type { StoredValues } from './decode/stored-values';
import { TAG } from './header/dicom-tags';
import { DicomFileError, createReadBuffer, readDicomFile, type ParsedDicomFile, type ReadBuffer } from './header/read-dicom-file';
import type { ScannedInstance } from './scan-types';
import { planeAxes } from './series/plane-geometry';
import { median } from './series/slice-spacing';
import { frameRescale } from './slices/frame-attributes';
import { planFromScan, planSlices, type PlannedSlice, type SlicePlan } from './slices/slice-plan';
import { rescaledRange, writeSlice, type VolumeVoxels } from './slices/write-slice';

export { orientationLabels, patientDirectionLetters } from './orientation-labels';

const INT16_MIN = -32768;
const INT16_MAX = 32767;

type SlicePixels = NonNullable<PlannedSlice['pixels']>;

class NeedsFloat32 extends Error {}

function integerValued({ format, rescale }: SlicePixels): boolean {
  return !format.float && Number.isInteger(rescale.slope) && Number.isInteger(rescale.intercept);
}

/** Whether every value the header allows fits int16 after rescale. */
function declaredRangeFitsInt16(pixels: SlicePixels): boolean {
  if (!integerValued(pixels)) return false;
  const { format, rescale } = pixels;
  const bits = format.bitsStored;
  const [lo, hi] = format.pixelRepresentation === 1 ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
  const a = lo * rescale.slope + rescale.intercept;
  const b = hi * rescale.slope + rescale.intercept;
  return Math.min(a, b) >= INT16_MIN && Math.max(a, b) <= INT16_MAX;
}

function sliceSpacingMm(plan: SlicePlan): number {
  const along = plan.positionsAlongNormalMm;
  if (along && along.length > 1) {
    const steps = along.slice(1).map((z, k) => z - along[k]!).filter((d) => d > 1e-3);
    if (steps.length > 0) return median(steps);
  }
  return plan.headerSliceSpacingMm ?? 1;
}

/** Direction columns: row direction, column direction, slice normal (the direction slices were sorted in). */
function directionOf(plan: SlicePlan): Mat3 {
  const { row, column, normal } = planeAxes(plan.orientation);
  return [row[0], column[0], normal[0], row[1], column[1], normal[1], row[2], column[2], normal[2]];
}

/**
 * The file a slice comes from when the plan does not say where its stored values are, read once for all its frames.
 * Its header is parsed up to Pixel Data; native 16-bit frames are then read straight into the volume, anything else
 * goes through the decoder.
 */
class SliceFile {
  private decoder: PixelSource | undefined;
  private readonly header: ParsedDicomFile;
  readonly format: PixelFormat;

  constructor(
    readonly file: string,
    private readonly reuse: ReadBuffer,
  ) {
    this.header = readDicomFile(file, 'header', reuse);
    if (!this.header.dataSet.elements[TAG.PixelData]) this.decoder = this.openDecoder(); // throws the decoder's reason
    this.format = this.decoder?.format ?? this.readFormat();
  }

  private readFormat(): PixelFormat {
    try {
      return readPixelFormat(this.header.dataSet);
    } catch (e) {
      throw new DicomFileError(this.file, (e as Error).message);
    }
  }

  private openDecoder(): PixelSource {
    return pixelSource(readDicomFile(this.file, 'full', this.reuse), this.file);
  }

  pixels(slice: PlannedSlice): SlicePixels {
    return slice.pixels ?? { format: this.format, rescale: frameRescale((this.decoder ?? this.header).dataSet, slice.frameIndex) };
  }

  /** Stored values of a frame, unmasked (see writeSlice). For an int16 volume they may be a view of voxels[offset…]. */
  async stored(frameIndex: number, voxels: VolumeVoxels, offset: number): Promise<StoredValues> {
    const start = this.decoder || !(voxels instanceof Int16Array) ? undefined : native16BitFrameOffset(this.header, this.format, frameIndex);
    if (start !== undefined) return readNative16BitFrameLater(this.file, start, this.format, voxels as Int16Array, offset);
    this.decoder ??= this.openDecoder();
    return this.decoder.decodeFrameUnmasked(frameIndex);
  }
}

/** Native slices read at once: enough to keep the thread pool busy on the other core. */
const READS_IN_FLIGHT = 4;

/**
 * Reads the native 16-bit slices of an int16 volume (those whose place in the file the plan knows) a few slices
 * ahead of the loop that masks and rescales them, on the libuv thread pool and straight into their place: the
 * kernel's copy and the first touch of the volume's fresh pages, which costs more than the copy, then run on
 * another core while this thread works.
 */
class NativeReadAhead {
  private readonly pending = new Map<number, Promise<StoredValues>>();

  constructor(
    private readonly plan: SlicePlan,
    private readonly voxels: Int16Array,
  ) {}

  /** Whether slice k is read here: native and of the series' size (the loop reports any other size). */
  covers(k: number): boolean {
    const { pixels, nativeOffset } = this.plan.slices[k]!;
    if (nativeOffset === undefined || !pixels) return false;
    const { rows, columns, samplesPerPixel } = pixels.format;
    return rows === this.plan.rows && columns === this.plan.columns && samplesPerPixel === 1;
  }

  /** The stored values of slice k, a view of its place in the volume; starts the reads of the next slices. */
  take(k: number): Promise<StoredValues> {
    const end = Math.min(k + READS_IN_FLIGHT, this.plan.slices.length);
    for (let n = k; n < end; n++) if (!this.pending.has(n) && this.covers(n)) this.start(n);
    const read = this.pending.get(k)!;
    this.pending.delete(k);
    return read;
  }

  private start(k: number): void {
    const { file, nativeOffset, pixels } = this.plan.slices[k]!;
    const read = readNative16BitFrameLater(file, nativeOffset!, pixels!.format, this.voxels, k * this.plan.rows * this.plan.columns);
    // A read whose slice is never taken (the load stopped first) is waited for by settle(), and its error dropped.
    read.catch(() => undefined);
    this.pending.set(k, read);
  }

  /** Waits for reads still in flight when the load stops early, so that none outlives it. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.pending.values());
  }
}

async function fillVoxels(plan: SlicePlan, float32: boolean, ctx: JobContext): Promise<VolumeVoxels> {
  const sliceVoxels = plan.columns * plan.rows;
  const nz = plan.slices.length;
  // One buffer for every header read here (and every file that needs decoding): nothing file-sized is left behind.
  const reuse = createReadBuffer();
  let source: SliceFile | undefined;
  const sourceOf = (file: string): SliceFile => (source?.file === file ? source : (source = new SliceFile(file, reuse)));
  const first = plan.slices[0]!;
  const asInt16 = !float32 && (plan.slices.every((s) => s.pixels) ? plan.slices.every((s) => integerValued(s.pixels!)) : integerValued(sourceOf(first.file).pixels(first)));
  const data = asInt16 ? new Int16Array(sliceVoxels * nz) : new Float32Array(sliceVoxels * nz);
  const ahead = data instanceof Int16Array ? new NativeReadAhead(plan, data) : undefined;
  try {
    await fillSlices(plan, data, ahead, sourceOf, ctx);
  } finally {
    await ahead?.settle();
  }
  return data;
}

async function fillSlices(
  plan: SlicePlan,
  data: VolumeVoxels,
  ahead: NativeReadAhead | undefined,
  sourceOf: (file: string) => SliceFile,
  ctx: JobContext,
): Promise<void> {
  const sliceVoxels = plan.columns * plan.rows;
  const nz = plan.slices.length;
  const asInt16 = data instanceof Int16Array;
  for (let k = 0; k < nz; k++) {
    if (k % 8 === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      ctx.throwIfCancelled();
      ctx.progress(0.05 + (0.95 * k) / nz, `decoding slice ${k + 1} of ${nz}`);
    }
    const slice = plan.slices[k]!;
    // The plan may already know the format and where the stored values are; otherwise the file's header says.
    // Frames of one multi-frame file are usually neighbours after sorting, so its header is read once for them.
    const pixels = slice.pixels ?? sourceOf(slice.file).pixels(slice);
    const { format } = pixels;
    if (format.rows !== plan.rows || format.columns !== plan.columns) {
      throw new DicomFileError(slice.file, `is ${format.columns}×${format.rows}, the series ${plan.columns}×${plan.rows}: mixed sizes do not form one volume`);
    }
    if (format.samplesPerPixel !== 1) throw new DicomFileError(slice.file, `has ${format.samplesPerPixel} samples per pixel: colour images do not form a volume`);
    const offset = k * sliceVoxels;
    const stored = ahead?.covers(k) ? await ahead.take(k) : await sourceOf(slice.file).stored(slice.frameIndex, data, offset);
    if (asInt16 && !declaredRangeFitsInt16(pixels)) {
      if (!integerValued(pixels)) throw new NeedsFloat32();
      const [lo, hi] = rescaledRange(stored, format, pixels.rescale);
      if (lo < INT16_MIN || hi > INT16_MAX) throw new NeedsFloat32();
    }
    writeSlice(data, offset, stored, format, pixels.rescale);
  }
}

export async function loadSeriesVolume(instances: ScannedInstance[] | string[], ctx: JobContext): Promise<Volume<Int16Array | Float32Array>> {
  ctx.progress(0, `planning ${instances.length} images`);
  const scanned = instances.filter((i): i is ScannedInstance => typeof i !== 'string');
  const files = instances.map((i) => (typeof i === 'string' ? i : i.file)).filter((f, n, all) => all.indexOf(f) === n);
  if (files.length === 0) throw new Error('no images to load');
  const plan = (scanned.length === instances.length && planFromScan(scanned)) || (await planSlices(files, ctx));
  let data: VolumeVoxels;
  try {
    data = await fillVoxels(plan, false, ctx);
  } catch (e) {
    if (!(e instanceof NeedsFloat32)) throw e;
    data = await fillVoxels(plan, true, ctx);
  }
  ctx.progress(1, `loaded ${plan.columns}×${plan.rows}×${plan.slices.length}`);
  const origin: Vec3 = plan.slices[0]!.positionMm ?? [0, 0, 0];
  return {
    dims: [plan.columns, plan.rows, plan.slices.length],
    // PixelSpacing is [between rows (y), between columns (x)].
    spacing: [plan.pixelSpacing[1], plan.pixelSpacing[0], sliceSpacingMm(plan)],
    origin,
    direction: directionOf(plan),
    data,
  };
}
