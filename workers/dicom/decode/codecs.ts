/**
 * The image codecs cornerstone3d uses (installed with @cornerstonejs/dicom-image-loader), loaded in plain Node.
 * The WebAssembly ones are Emscripten modules: given `wasmBinary` they skip fetching, so we read the .wasm file
 * that each package exports and hand it over. Each module is instantiated once per process, on first use.
 * The 12-bit DCT decoder is the pdf.js JpegImage that dicom-image-loader ships (libjpeg-turbo here is 8-bit only).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** What every codec hands back: the decoded bytes (a copy) and how to read them. */
export interface CodecFrame {
  bytes: Uint8Array;
  width: number;
  height: number;
  bitsPerSample: number;
  components: number;
  /** true when the components come one plane after another (JPEG-LS without interleave). */
  planar: boolean;
}

interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array;
  getInterleaveMode?(): number;
  delete?(): void;
}

type EmscriptenFactory = (options: {
  wasmBinary: Uint8Array;
  print: (line: string) => void;
  printErr: (line: string) => void;
}) => Promise<Record<string, new () => WasmDecoder>>;

/** What the codecs printed as errors during the current decode: OpenJPEG reports failures only this way. */
let codecErrors: string[] = [];

const modules = new Map<string, Promise<Record<string, new () => WasmDecoder>>>();

function collectCodecError(line: string): void {
  if (/error/i.test(line)) codecErrors.push(line.replace(/^\[ERROR\]\s*/, '').trim());
}

function loadWasmModule(jsSpecifier: string, wasmSpecifier: string): Promise<Record<string, new () => WasmDecoder>> {
  let loading = modules.get(jsSpecifier);
  if (!loading) {
    const factory = require(jsSpecifier) as EmscriptenFactory;
    loading = factory({
      wasmBinary: readFileSync(require.resolve(wasmSpecifier)),
      // OpenJPEG prints "[ERROR] …" lines on stdout; keep them for the message and drop the [INFO] chatter.
      print: collectCodecError,
      printErr: collectCodecError,
    });
    modules.set(jsSpecifier, loading);
  }
  return loading;
}

async function decodeWithWasm(jsSpecifier: string, wasmSpecifier: string, className: string, encoded: Uint8Array): Promise<CodecFrame> {
  const module = await loadWasmModule(jsSpecifier, wasmSpecifier);
  const Decoder = module[className];
  if (!Decoder) throw new Error(`${jsSpecifier} has no ${className}`);
  const decoder = new Decoder();
  codecErrors = [];
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (codecErrors.length > 0 || info.width === 0) throw new Error(codecErrors.join('; ') || 'the codec decoded nothing');
    return {
      bytes: new Uint8Array(decoder.getDecodedBuffer()),
      width: info.width,
      height: info.height,
      bitsPerSample: info.bitsPerSample,
      components: info.componentCount,
      // CharLS: interleave mode 0 (none) keeps components in separate planes.
      planar: info.componentCount > 1 && decoder.getInterleaveMode?.() === 0,
    };
  } catch (e) {
    // Emscripten throws numbers (pointers to C++ exceptions) or strings; make them messages.
    throw e instanceof Error ? e : new Error(`the codec rejected the data (${String(e)})`);
  } finally {
    decoder.delete?.();
  }
}

export const decodeJpeg2000 = (encoded: Uint8Array): Promise<CodecFrame> =>
  decodeWithWasm('@cornerstonejs/codec-openjpeg/decodewasmjs', '@cornerstonejs/codec-openjpeg/decodewasm', 'J2KDecoder', encoded);

export const decodeHtj2k = (encoded: Uint8Array): Promise<CodecFrame> =>
  decodeWithWasm('@cornerstonejs/codec-openjph/wasmjs', '@cornerstonejs/codec-openjph/wasm', 'HTJ2KDecoder', encoded);

export const decodeJpegLs = (encoded: Uint8Array): Promise<CodecFrame> =>
  decodeWithWasm('@cornerstonejs/codec-charls/decodewasmjs', '@cornerstonejs/codec-charls/decodewasm', 'JpegLSDecoder', encoded);

const decodeJpeg8Bit = (encoded: Uint8Array): Promise<CodecFrame> =>
  decodeWithWasm(
    '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
    '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
    'JPEGDecoder',
    encoded,
  );

interface JpegImageInstance {
  parse(data: Uint8Array): void;
  colorTransform: boolean;
  width: number;
  height: number;
  components: unknown[];
  getData(width: number, height: number): Uint8Array;
  getData16(width: number, height: number): Uint16Array;
}

let jpegImage: Promise<new () => JpegImageInstance> | undefined;

function loadJpegImage(): Promise<new () => JpegImageInstance> {
  // Not in the package's export map, so reach it by file path next to its package.json.
  const root = path.dirname(require.resolve('@cornerstonejs/dicom-image-loader/package.json'));
  jpegImage ??= import(pathToFileURL(path.join(root, 'dist/esm/codecs/jpeg.js')).href).then((m: { default: new () => JpegImageInstance }) => m.default);
  return jpegImage;
}

/** Sample precision from the JPEG start-of-frame marker (ITU T.81 B.2.2), or undefined when there is none. */
export function jpegPrecision(encoded: Uint8Array): number | undefined {
  for (let i = 2; i + 4 < encoded.length; ) {
    if (encoded[i] !== 0xff) return undefined;
    const marker = encoded[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return encoded[i + 4];
    i += 2 + ((encoded[i + 2]! << 8) | encoded[i + 3]!);
  }
  return undefined;
}

/** JPEG baseline (8-bit, libjpeg-turbo) and extended (12-bit, pdf.js), processes 1, 2 and 4. */
export async function decodeJpegBaseline(encoded: Uint8Array): Promise<CodecFrame> {
  const precision = jpegPrecision(encoded) ?? 8;
  if (precision <= 8) return decodeJpeg8Bit(encoded);
  const JpegImage = await loadJpegImage();
  const jpeg = new JpegImage();
  jpeg.parse(encoded);
  // The stored values are what was encoded: no YCbCr→RGB here.
  jpeg.colorTransform = false;
  const data = jpeg.getData16(jpeg.width, jpeg.height);
  return {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: jpeg.width,
    height: jpeg.height,
    bitsPerSample: precision,
    components: jpeg.components.length,
    planar: false,
  };
}

/** JPEG lossless process 14 (any selection value), decoded by jpeg-lossless-decoder-js. */
export async function decodeJpegLossless(encoded: Uint8Array, bytesPerSample: 1 | 2): Promise<CodecFrame> {
  const { Decoder } = await import('@cornerstonejs/jpeg-lossless-decoder-js');
  const decoder = new Decoder();
  // The decoder reads from the start of an ArrayBuffer: copy the frame out of the file's buffer (Buffer.slice would not).
  const own = new Uint8Array(encoded);
  const out = decoder.decode(own.buffer, 0, own.length, bytesPerSample);
  return {
    bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
    width: decoder.xDim,
    height: decoder.yDim,
    bitsPerSample: bytesPerSample * 8,
    components: decoder.numComp,
    planar: false,
  };
}
