/**
 * Reads one DICOM file with dicom-parser and turns every failure into a DicomFileError whose reason a person can act
 * on. In 'header' mode parsing stops at Pixel Data and the file is read in growing steps until the header fits, so
 * scanning a CD touches tens of kilobytes per image (and a scan skips long private values, such as the 100 kB
 * Siemens CSA header of an MR image); the whole file is read only for deflated data sets and for objects without
 * Pixel Data to stop at. Part 10 files in explicit VR little endian, most of them, are parsed by a faster reader
 * with dicom-parser's results (explicit-le-data-set.ts); all others by dicom-parser.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { TAG } from './dicom-tags';
import { parseExplicitLittleEndianDataSet, VALUE_REPRESENTATIONS } from './explicit-le-data-set';
import { formatTag } from './values';

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/** The first read of a header: CT headers here are ~4 kB; Siemens MR with CSA headers reach ~130 kB and take a second. */
const HEADER_PROBE_BYTES = 64 * 1024;
const HEADER_MARGIN_BYTES = 4 * 1024;

export const NOT_DICOM_REASON = 'not a DICOM file: no DICM prefix and no valid implicit-VR header';

export class DicomFileError extends Error {
  override name = 'DicomFileError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface ParsedDicomFile {
  dataSet: DataSet;
  transferSyntaxUid: string;
  /** false for "raw" data sets written without the Part 10 preamble and file meta information. */
  hasFileMeta: boolean;
  fileSizeBytes: number;
}

/**
 * A data set without preamble starts with a low, even group (0002 or 0008 in practice). Text files, STL meshes and
 * images fail this test because their first bytes are printable characters, i.e. groups of 0x2000 and above.
 */
function guessRawTransferSyntax(bytes: Uint8Array, fileSizeBytes: number): string | undefined {
  if (bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const group = view.getUint16(0, true);
  if (group % 2 !== 0 || group < 0x0002 || group > 0x00ff) return undefined;
  // Two letters of a VR right after the first tag mean explicit VR.
  if (VALUE_REPRESENTATIONS.has(String.fromCharCode(bytes[4]!, bytes[5]!))) return EXPLICIT_VR_LITTLE_ENDIAN;
  const length = view.getUint32(4, true);
  return length === 0xffffffff || length <= fileSizeBytes - 8 ? IMPLICIT_VR_LITTLE_ENDIAN : undefined;
}

function hasDicmPrefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** dicom-parser throws strings, Errors and { exception, dataSet } objects; say what went wrong in words. */
function reasonOf(thrown: unknown): string {
  const inner = thrown && typeof thrown === 'object' && 'exception' in thrown ? (thrown as { exception: unknown }).exception : thrown;
  const message = inner instanceof Error ? inner.message : String(inner);
  if (message.includes('0002,0010')) return 'the file meta information has no Transfer Syntax UID (0002,0010)';
  // dicom-parser reports a sequence item that claims more bytes than remain as a bad 'maxPosition'.
  if (message.includes('maxPosition')) return 'truncated or corrupt: a sequence item runs past the end of the file';
  if (/overrun|past end|eof|end of (file|buffer)|unexpected end/i.test(message)) return `truncated or corrupt: ${message.replace(/^dicomParser[.:]\w*:\s*/, '')}`;
  return `unreadable DICOM: ${message.replace(/^dicomParser[.:]\w*:\s*/, '')}`;
}

/**
 * A buffer reused from one read to the next, so that loading a thousand slices does not leave a thousand file-sized
 * buffers for the garbage collector. Whatever was parsed from it is valid only until the next read into it.
 */
export interface ReadBuffer {
  bytes: Buffer;
  /**
   * Where Pixel Data began in the last header read through this buffer. Files of one series have headers of much
   * the same size, so the next header read starts with that much (plus a margin) instead of probing again.
   */
  lastHeaderBytes: number;
  /** Whether header reads may leave long private values unread (see PrivateValueHole); for scans. */
  skipsPrivateValues: boolean;
  /** The long private value of the last header, to leave unread in the next one. */
  privateValue?: PrivateValueHole;
}

/**
 * Bytes of a long private binary value in a header, less a margin at either end. A Siemens CSA header is ~100 kB of
 * a 117 kB MR header and nothing here reads it; files of one series place it alike, give or take a few bytes of
 * text before it. A header read leaves these bytes unread (zeros) when the same element spans them again, and reads
 * them after all when it does not (another series, another layout).
 */
interface PrivateValueHole {
  tag: string;
  from: number;
  to: number;
}

/** Private values shorter than this are read: skipping costs a second read call. */
const PRIVATE_VALUE_SKIP_BYTES = 16 * 1024;
/** How far the same private value may move from one file to the next and still be skipped. */
const PRIVATE_VALUE_MARGIN_BYTES = 1024;
const ODD_HEX_DIGITS = '13579bdfBDF';

export function createReadBuffer(options: { skipPrivateValues?: boolean } = {}): ReadBuffer {
  return { bytes: Buffer.alloc(0), lastHeaderBytes: 0, skipsPrivateValues: options.skipPrivateValues ?? false };
}

/** The top-level element with the longest private binary value before Pixel Data, as a hole, if long enough. */
function longestPrivateValue(ds: DataSet): PrivateValueHole | undefined {
  let longest: Element | undefined;
  for (const tag in ds.elements) {
    const el = ds.elements[tag]!;
    if (el.length < PRIVATE_VALUE_SKIP_BYTES || el.length <= (longest?.length ?? 0) || el.items || el.hadUndefinedLength) continue;
    // Private groups are odd: the last hex digit of the group ('x0029…').
    if (ODD_HEX_DIGITS.includes(tag[4]!)) longest = el;
  }
  return longest && holeIn(longest);
}

function holeIn(el: Element): PrivateValueHole {
  return { tag: el.tag, from: el.dataOffset + PRIVATE_VALUE_MARGIN_BYTES, to: el.dataOffset + el.length - PRIVATE_VALUE_MARGIN_BYTES };
}

/** The element of the hole, when this data set has it spanning the hole as one plain value. */
function spansHole(ds: DataSet, hole: PrivateValueHole): Element | undefined {
  const el = ds.elements[hole.tag];
  const plain = el && !el.items && !el.hadUndefinedLength;
  return plain && el.dataOffset <= hole.from && el.dataOffset + el.length >= hole.to ? el : undefined;
}

/** An open file whose first bytes are read on demand, each byte once, into a private or reused buffer. */
class FilePrefix {
  private readonly fd: number;
  readonly fileSizeBytes: number;
  private buffer: Buffer;
  private filled = 0;

  constructor(
    private readonly file: string,
    private readonly reuse: ReadBuffer | undefined,
  ) {
    this.fd = openSync(file, 'r');
    this.fileSizeBytes = fstatSync(this.fd).size;
    this.buffer = reuse?.bytes ?? Buffer.alloc(0);
  }

  /** Bytes of the prefix left unread (zeros), until fillHole(). */
  hole: PrivateValueHole | undefined;

  private makeRoom(length: number): void {
    if (this.buffer.length >= length) return;
    // allocUnsafeSlow: a buffer of its own at offset 0, so pixel data views stay aligned.
    const grown = Buffer.allocUnsafeSlow(this.reuse ? Math.max(length, 2 * this.buffer.length) : length);
    this.buffer.copy(grown, 0, 0, this.filled);
    this.buffer = grown;
    if (this.reuse) this.reuse.bytes = grown;
  }

  /** The first min(n, file size) bytes. */
  read(n: number): Uint8Array {
    const length = Math.min(n, this.fileSizeBytes);
    this.makeRoom(length);
    while (this.filled < length) {
      const got = readSync(this.fd, this.buffer, this.filled, length - this.filled, this.filled);
      if (got === 0) break;
      this.filled += got;
    }
    return this.buffer.subarray(0, Math.min(length, this.filled));
  }

  /** read(n), but with the bytes of `hole` (which lie before n and the end of the file) left unread and zeroed. */
  readAround(n: number, hole: PrivateValueHole): Uint8Array {
    this.read(hole.from);
    if (this.filled < hole.from) return this.read(n); // the file shrank meanwhile: read on without a hole
    this.makeRoom(hole.to);
    // Zeros, not what the reused buffer held before (another file's bytes).
    this.buffer.fill(0, hole.from, hole.to);
    this.hole = hole;
    this.filled = hole.to;
    return this.read(n);
  }

  /** Reads the bytes of the hole after all (read() returns them from then on). */
  fillHole(): void {
    const hole = this.hole;
    this.hole = undefined;
    for (let at = hole?.from ?? 0; hole && at < hole.to; ) {
      const got = readSync(this.fd, this.buffer, at, hole.to - at, at);
      if (got === 0) throw new DicomFileError(this.file, 'the file changed while it was being read');
      at += got;
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Why a successfully parsed buffer is still not good enough: 'partial' means "read more", a string is an error. */
function checkCompleteness(ds: DataSet, bytes: Uint8Array, fileSizeBytes: number, headerOnly: boolean, withinBytes: boolean): 'ok' | 'partial' | string {
  const wholeFile = bytes.length >= fileSizeBytes;
  if (headerOnly && !wholeFile && !ds.elements[TAG.PixelData]) return 'partial';
  // Offsets are file offsets unless dicom-parser re-based them onto an inflated copy (deflate transfer syntax).
  const pixelDataLimit = headerOnly && ds.byteArray === bytes ? fileSizeBytes : ds.byteArray.length;
  const overrun = (el: Element): string | undefined => {
    if (el.hadUndefinedLength || el.length === undefined || el.dataOffset === undefined) return undefined;
    const end = el.dataOffset + el.length;
    const limit = el.tag === TAG.PixelData ? pixelDataLimit : ds.byteArray.length;
    if (end <= limit) return undefined;
    if (!wholeFile && el.tag !== TAG.PixelData) return 'partial';
    return `truncated: element ${formatTag(el.tag)} needs ${end} bytes but the file holds ${limit}`;
  };
  // The explicit little endian reader only returns data sets whose other elements end within the bytes.
  const pixelData = ds.elements[TAG.PixelData];
  const pixelDataOverrun = withinBytes && pixelData ? overrun(pixelData) : undefined;
  if (pixelDataOverrun) return pixelDataOverrun;
  // for…in rather than Object.values: no array of a few hundred elements per file scanned.
  if (!withinBytes) {
    for (const tag in ds.elements) {
      const verdict = overrun(ds.elements[tag]!);
      if (verdict) return verdict;
    }
  }
  const eof = ds.warnings?.find((w) => /eof/i.test(w));
  if (eof) return wholeFile ? `truncated: ${eof}` : 'partial';
  return 'ok';
}

/** With `fastOnly`, undefined where the explicit little endian reader declines (see parseAroundHole). */
function parse(file: string, bytes: Uint8Array, fileSizeBytes: number, headerOnly: boolean, fastOnly: true): ParsedDicomFile | 'partial' | undefined;
function parse(file: string, bytes: Uint8Array, fileSizeBytes: number, headerOnly: boolean): ParsedDicomFile | 'partial';
function parse(file: string, bytes: Uint8Array, fileSizeBytes: number, headerOnly: boolean, fastOnly = false): ParsedDicomFile | 'partial' | undefined {
  const wholeFile = bytes.length >= fileSizeBytes;
  const hasFileMeta = hasDicmPrefix(bytes);
  const rawTransferSyntax = hasFileMeta ? undefined : guessRawTransferSyntax(bytes, fileSizeBytes);
  if (!hasFileMeta && !rawTransferSyntax) throw new DicomFileError(file, NOT_DICOM_REASON);
  let dataSet: DataSet;
  let fast: DataSet | undefined;
  try {
    const untilTag = headerOnly ? TAG.PixelData : undefined;
    fast = hasFileMeta ? parseExplicitLittleEndianDataSet(bytes, untilTag) : undefined;
    if (!fast && fastOnly) return undefined;
    dataSet =
      fast ??
      dicomParser.parseDicom(bytes, {
        ...(untilTag ? { untilTag } : {}),
        ...(rawTransferSyntax ? { TransferSyntaxUID: rawTransferSyntax } : {}),
      } as dicomParser.ParseDicomOptions);
  } catch (thrown) {
    if (!wholeFile) return 'partial';
    throw new DicomFileError(file, reasonOf(thrown));
  }
  const verdict = checkCompleteness(dataSet, bytes, fileSizeBytes, headerOnly, fast !== undefined);
  if (verdict === 'partial') return 'partial';
  if (verdict !== 'ok') throw new DicomFileError(file, verdict);
  const transferSyntaxUid = rawTransferSyntax ?? dataSet.string(TAG.TransferSyntaxUID)?.replace(/\0/g, '').trim();
  if (!transferSyntaxUid) throw new DicomFileError(file, 'the file meta information has no Transfer Syntax UID (0002,0010)');
  return { dataSet, transferSyntaxUid, hasFileMeta, fileSizeBytes };
}

/**
 * parse() of a header whose prefix has a hole, by the explicit little endian reader only (which stops at the first
 * zero VR, should it walk into the hole). The result stands when the hole's element spans the hole as one value, so
 * that no byte of it was read as structure; otherwise, or when the reader declined or failed, the hole is read and
 * the header parsed again.
 */
function parseAroundHole(file: string, prefix: FilePrefix, bytes: Uint8Array): ParsedDicomFile | 'partial' {
  const hole = prefix.hole!;
  try {
    const result = parse(file, bytes, prefix.fileSizeBytes, true, true);
    if (result && result !== 'partial' && spansHole(result.dataSet, hole)) return result;
  } catch (e) {
    if (!(e instanceof DicomFileError)) throw e;
  }
  prefix.fillHole();
  return parse(file, bytes, prefix.fileSizeBytes, true);
}

/**
 * Parses `file`. 'header' stops at Pixel Data (the element is present with its offset and length, its value is not
 * read); 'full' reads the whole file, ready for decoding. With `reuse`, the bytes land in that buffer and the
 * result is valid until its next use. Throws DicomFileError, never anything else.
 */
export function readDicomFile(file: string, mode: 'header' | 'full', reuse?: ReadBuffer): ParsedDicomFile {
  const headerOnly = mode === 'header';
  let prefix: FilePrefix | undefined;
  try {
    prefix = new FilePrefix(file, reuse);
    // Headers are read in growing steps (64 kB, 256 kB, 1 MB…): enough for nearly all at the first step, and a
    // large private header costs a few more reads rather than reading megabytes of pixels.
    // After the first file of a series, the last header's size plus a margin: a 4 kB CT header then costs ~8 kB of
    // reading, not 64 kB (which, twice per file in scan + load, was a quarter of the bytes of a CT series), and a
    // 117 kB MR header (Siemens CSA) ~128 kB. Headers within a series differ by a few bytes of text.
    const firstRead = reuse?.lastHeaderBytes ? Math.ceil(reuse.lastHeaderBytes * (1 + 1 / 16)) + HEADER_MARGIN_BYTES : HEADER_PROBE_BYTES;
    const hole = headerOnly && reuse?.skipsPrivateValues ? reuse.privateValue : undefined;
    if (hole && hole.to < Math.min(firstRead, prefix.fileSizeBytes)) prefix.readAround(firstRead, hole);
    for (let want = headerOnly ? firstRead : Infinity; ; want *= 4) {
      const bytes = prefix.read(want);
      const result = prefix.hole ? parseAroundHole(file, prefix, bytes) : parse(file, bytes, prefix.fileSizeBytes, headerOnly);
      if (result !== 'partial') {
        const pixelData = result.dataSet.elements[TAG.PixelData];
        if (reuse && headerOnly && pixelData) reuse.lastHeaderBytes = pixelData.dataOffset;
        if (reuse?.skipsPrivateValues && headerOnly) {
          // Where this header's long private value is, for the next: the same element again, or a search for one.
          const same = hole && spansHole(result.dataSet, hole);
          reuse.privateValue = same ? holeIn(same) : longestPrivateValue(result.dataSet);
        }
        return result;
      }
      // parse() answers 'partial' only for a buffer shorter than the file: the file shrank while we read it.
      if (bytes.length >= prefix.fileSizeBytes || want === Infinity) throw new DicomFileError(file, 'the file changed while it was being read');
    }
  } catch (e) {
    if (e instanceof DicomFileError) throw e;
    throw new DicomFileError(file, `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    prefix?.close();
  }
}
