import { describe, expect, it } from 'vitest';
import { MultipartError, parseContentType, readMultipart, type MultipartSink } from './multipart';

/** Collects the parts a multipart body holds. */
function collector(): { sink: MultipartSink; parts: { headers: Record<string, string>; body: Buffer }[] } {
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  let chunks: Buffer[] = [];
  let headers: Record<string, string> = {};
  return {
    parts,
    sink: {
      partStart: (h) => {
        headers = h;
        chunks = [];
      },
      partData: (c) => void chunks.push(Buffer.from(c)),
      partEnd: () => void parts.push({ headers, body: Buffer.concat(chunks) }),
    },
  };
}

/** The body split into chunks of `size` bytes, as a network would deliver it. */
async function* chunked(body: Buffer, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

function multipartBody(boundary: string, parts: Buffer[], preamble = ''): Buffer {
  const pieces: Buffer[] = [Buffer.from(preamble)];
  for (const p of parts) pieces.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), p, Buffer.from('\r\n'));
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

describe('parseContentType', () => {
  it('reads the type and unquotes quoted parameters, with escapes', () => {
    const { type, params } = parseContentType('Multipart/Related; type="application/dicom"; boundary="a b\\"c"; transfer-syntax=*');
    expect(type).toBe('multipart/related');
    expect(params).toEqual({ type: 'application/dicom', boundary: 'a b"c', 'transfer-syntax': '*' });
  });

  it('reads a token boundary and a semicolon inside quotes', () => {
    expect(parseContentType('multipart/related;boundary=XyZ-123;type="application/dicom; x=1"').params).toEqual({
      boundary: 'XyZ-123',
      type: 'application/dicom; x=1',
    });
  });
});

describe('readMultipart', () => {
  // Part bodies that look like delimiters without being one, and binary bytes, must come through untouched.
  const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));
  const tricky = Buffer.from('\r\n--boundar\r\n-- boundary\n--boundary\r-boundary: almost delimiters');
  const parts = [binary, tricky, Buffer.alloc(0)];

  it.each([1, 2, 7, 64, 100_000])('gives the same parts whatever the chunk size (%i bytes)', async (size) => {
    const { sink, parts: got } = collector();
    const n = await readMultipart(chunked(multipartBody('boundary', parts, 'preamble to ignore\r\n'), size), 'boundary', sink);
    expect(n).toBe(3);
    expect(got.map((p) => p.body)).toEqual(parts);
    expect(got[0]!.headers['content-type']).toBe('application/dicom');
  });

  it('accepts parts without headers and transport padding after a boundary', async () => {
    const body = Buffer.from('--b  \r\n\r\nfirst\r\n--b\r\nContent-Type: application/dicom\r\n\r\nsecond\r\n--b--');
    const { sink, parts: got } = collector();
    await readMultipart(chunked(body, 3), 'b', sink);
    expect(got.map((p) => p.body.toString())).toEqual(['first', 'second']);
    expect(got[0]!.headers).toEqual({});
  });

  it('refuses a body cut off before its closing delimiter, without ending the half part', async () => {
    const whole = multipartBody('boundary', [binary, binary]);
    const { sink, parts: got } = collector();
    await expect(readMultipart(chunked(whole.subarray(0, whole.length - 3000), 512), 'boundary', sink)).rejects.toThrow(MultipartError);
    expect(got).toHaveLength(1);
  });

  it('refuses an invalid boundary', async () => {
    await expect(readMultipart(chunked(Buffer.alloc(0), 1), '', collector().sink)).rejects.toThrow(/boundary/);
  });
});
