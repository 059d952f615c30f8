/**
 * A streaming reader of multipart bodies (RFC 2046 §5.1; multipart/related, RFC 2387), for WADO-RS answers that
 * hold a whole series: parts are handed on chunk by chunk, so a series never has to fit in memory.
 */

/** Media type and parameters of a Content-Type header; quoted values unquoted (RFC 9110 §5.6.4), names lower-case. */
export function parseContentType(header: string): { type: string; params: Record<string, string> } {
  const semi = header.indexOf(';');
  const type = (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = {};
  const re = /;\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;\s]*)/g;
  for (const m of header.slice(Math.max(semi, 0)).matchAll(re)) {
    params[m[1]!.toLowerCase()] = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2]!;
  }
  return { type, params };
}

export interface MultipartSink {
  partStart(headers: Record<string, string>): void | Promise<void>;
  partData(chunk: Uint8Array): void | Promise<void>;
  partEnd(): void | Promise<void>;
}

export class MultipartError extends Error {
  override name = 'MultipartError';
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
/** A part's header block larger than this is not a WADO-RS answer. */
const MAX_HEADER_BYTES = 64 * 1024;

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Reads a multipart body, calling the sink for each part; returns the number of parts. Throws MultipartError when
 * the body ends before its closing delimiter (a truncated transfer), so a half-received part is never taken as whole.
 */
export async function readMultipart(body: AsyncIterable<Uint8Array>, boundary: string, sink: MultipartSink): Promise<number> {
  if (!boundary || boundary.length > 70) throw new MultipartError(`invalid multipart boundary "${boundary.slice(0, 80)}"`);
  const dashBoundary = Buffer.from(`--${boundary}`);
  /** Inside a body, a delimiter is CRLF + "--" + boundary. */
  const delimiter = Buffer.concat([CRLF, dashBoundary]);
  type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';
  // Widened on purpose: step() changes it, which narrowing in this function cannot see.
  let state = 'preamble' as State;
  let buf: Buffer = Buffer.alloc(0);
  let parts = 0;

  const step = async (): Promise<boolean> => {
    switch (state) {
      case 'preamble': {
        // The first delimiter may open the body without a CRLF before it (RFC 2046 §5.1.1).
        const at = buf.subarray(0, dashBoundary.length).equals(dashBoundary) ? 0 : buf.indexOf(delimiter);
        if (at < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length));
          return false;
        }
        buf = buf.subarray(at === 0 && buf[0] === 0x2d ? dashBoundary.length : at + delimiter.length);
        state = 'after-delimiter';
        return true;
      }
      case 'after-delimiter': {
        if (buf.length < 2) return false;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          return false;
        }
        const eol = buf.indexOf(CRLF);
        if (eol < 0) return false;
        buf = buf.subarray(eol + 2); // transport padding (whitespace) after the boundary is allowed
        state = 'headers';
        return true;
      }
      case 'headers': {
        let headers: Record<string, string>;
        if (buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a) {
          headers = {};
          buf = buf.subarray(2);
        } else {
          const end = buf.indexOf(HEADER_END);
          if (end < 0) {
            if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('a multipart part has no end to its headers');
            return false;
          }
          headers = parseHeaders(buf.subarray(0, end).toString('latin1'));
          buf = buf.subarray(end + HEADER_END.length);
        }
        parts++;
        await sink.partStart(headers);
        state = 'body';
        return true;
      }
      case 'body': {
        const at = buf.indexOf(delimiter);
        if (at >= 0) {
          if (at > 0) await sink.partData(buf.subarray(0, at));
          await sink.partEnd();
          buf = buf.subarray(at + delimiter.length);
          state = 'after-delimiter';
          return true;
        }
        // Keep a tail that may hold the start of a delimiter split across chunks.
        const safe = buf.length - (delimiter.length - 1);
        if (safe > 0) {
          await sink.partData(buf.subarray(0, safe));
          buf = buf.subarray(safe);
        }
        return false;
      }
      case 'done':
        return false;
    }
  };

  for await (const chunk of body) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (await step());
    if (state === 'done') break;
  }
  if (state !== 'done') throw new MultipartError(`the multipart answer ended before its closing boundary (after ${parts} part${parts === 1 ? '' : 's'})`);
  return parts;
}
