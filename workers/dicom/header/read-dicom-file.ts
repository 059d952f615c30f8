/**
 * Reads one DICOM file with dicom-parser and turns every failure into a DicomFileError whose reason a person can act
 * on. In 'header' mode parsing stops at Pixel Data and the file is read in growing steps until the header fits, so
 * scanning a CD touches tens of kilobytes per image; the whole file is read only for deflated data sets and for
 * objects without Pixel Data to stop at.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { TAG } from './dicom-tags';
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

/** Every VR of PS3.5 Table 6.2-1: two of these letters right after the first tag mean explicit VR. */
const VALUE_REPRESENTATIONS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

/**
 * A data set without preamble starts with a low, even group (0002 or 0008 in practice). Text files, STL meshes and
 * images fail this test because their first bytes are printable characters, i.e. groups of 0x2000 and above.
 */
function guessRawTransferSyntax(bytes: Uint8Array, fileSizeBytes: number): string | undefined {
  if (bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const group = view.getUint16(0, true);
  if (group % 2 !== 0 || group < 0x0002 || group > 0x00ff) return undefined;
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
}

export function createReadBuffer(): ReadBuffer {
  return { bytes: Buffer.alloc(0), lastHeaderBytes: 0 };
}

/** An open file whose first bytes are read on demand, each byte once, into a private or reused buffer. */
class FilePrefix {
  private readonly fd: number;
  readonly fileSizeBytes: number;
  private buffer: Buffer;
  private filled = 0;

  constructor(
    file: string,
    private readonly reuse: ReadBuffer | undefined,
  ) {
    this.fd = openSync(file, 'r');
    this.fileSizeBytes = fstatSync(this.fd).size;
    this.buffer = reuse?.bytes ?? Buffer.alloc(0);
  }

  /** The first min(n, file size) bytes. */
  read(n: number): Uint8Array {
    const length = Math.min(n, this.fileSizeBytes);
    if (this.buffer.length < length) {
      // allocUnsafeSlow: a buffer of its own at offset 0, so pixel data views stay aligned.
      const grown = Buffer.allocUnsafeSlow(this.reuse ? Math.max(length, 2 * this.buffer.length) : length);
      this.buffer.copy(grown, 0, 0, this.filled);
      this.buffer = grown;
      if (this.reuse) this.reuse.bytes = grown;
    }
    while (this.filled < length) {
      const got = readSync(this.fd, this.buffer, this.filled, length - this.filled, this.filled);
      if (got === 0) break;
      this.filled += got;
    }
    return this.buffer.subarray(0, Math.min(length, this.filled));
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Why a successfully parsed buffer is still not good enough: 'partial' means "read more", a string is an error. */
function checkCompleteness(ds: DataSet, bytes: Uint8Array, fileSizeBytes: number, headerOnly: boolean): 'ok' | 'partial' | string {
  const wholeFile = bytes.length >= fileSizeBytes;
  if (headerOnly && !wholeFile && !ds.elements[TAG.PixelData]) return 'partial';
  // Offsets are file offsets unless dicom-parser re-based them onto an inflated copy (deflate transfer syntax).
  const pixelDataLimit = headerOnly && ds.byteArray === bytes ? fileSizeBytes : ds.byteArray.length;
  // for…in rather than Object.values: no array of a few hundred elements per file scanned.
  for (const tag in ds.elements) {
    const el = ds.elements[tag]!;
    if (el.hadUndefinedLength || el.length === undefined || el.dataOffset === undefined) continue;
    const end = el.dataOffset + el.length;
    const limit = el.tag === TAG.PixelData ? pixelDataLimit : ds.byteArray.length;
    if (end <= limit) continue;
    if (!wholeFile && el.tag !== TAG.PixelData) return 'partial';
    return `truncated: element ${formatTag(el.tag)} needs ${end} bytes but the file holds ${limit}`;
  }
  const eof = ds.warnings?.find((w) => /eof/i.test(w));
  if (eof) return wholeFile ? `truncated: ${eof}` : 'partial';
  return 'ok';
}

function parse(file: string, bytes: Uint8Array, fileSizeBytes: number, headerOnly: boolean): ParsedDicomFile | 'partial' {
  const wholeFile = bytes.length >= fileSizeBytes;
  const hasFileMeta = hasDicmPrefix(bytes);
  const rawTransferSyntax = hasFileMeta ? undefined : guessRawTransferSyntax(bytes, fileSizeBytes);
  if (!hasFileMeta && !rawTransferSyntax) throw new DicomFileError(file, NOT_DICOM_REASON);
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, {
      ...(headerOnly ? { untilTag: TAG.PixelData } : {}),
      ...(rawTransferSyntax ? { TransferSyntaxUID: rawTransferSyntax } : {}),
    } as dicomParser.ParseDicomOptions);
  } catch (thrown) {
    if (!wholeFile) return 'partial';
    throw new DicomFileError(file, reasonOf(thrown));
  }
  const verdict = checkCompleteness(dataSet, bytes, fileSizeBytes, headerOnly);
  if (verdict === 'partial') return 'partial';
  if (verdict !== 'ok') throw new DicomFileError(file, verdict);
  const transferSyntaxUid = rawTransferSyntax ?? dataSet.string(TAG.TransferSyntaxUID)?.replace(/\0/g, '').trim();
  if (!transferSyntaxUid) throw new DicomFileError(file, 'the file meta information has no Transfer Syntax UID (0002,0010)');
  return { dataSet, transferSyntaxUid, hasFileMeta, fileSizeBytes };
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
    // After the first file of a series, the last header's size plus a margin: a 4 kB CT header then costs ~9 kB of
    // reading, not 64 kB (which, twice per file in scan + load, was a quarter of the bytes of a CT series).
    const firstRead = reuse?.lastHeaderBytes ? Math.ceil(1.25 * reuse.lastHeaderBytes) + HEADER_MARGIN_BYTES : HEADER_PROBE_BYTES;
    for (let want = headerOnly ? firstRead : Infinity; ; want *= 4) {
      const bytes = prefix.read(want);
      const result = parse(file, bytes, prefix.fileSizeBytes, headerOnly);
      if (result !== 'partial') {
        const pixelData = result.dataSet.elements[TAG.PixelData];
        if (reuse && headerOnly && pixelData) reuse.lastHeaderBytes = pixelData.dataOffset;
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
