/**
 * Network failures in words a user can act on ("PACS http://… refused the connection", not "fetch failed"), for
 * DICOMweb (fetch wraps the socket error in `cause`) and DIMSE (the socket error itself).
 */
import { PacsError } from './pacs-client';

const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (is it running, and is the port right?)',
  ENOTFOUND: 'is not a known host name',
  EAI_AGAIN: 'could not be looked up (DNS)',
  ECONNRESET: 'closed the connection',
  EHOSTUNREACH: 'cannot be reached (no route to host)',
  ETIMEDOUT: 'did not answer (connection timed out)',
  CERT_HAS_EXPIRED: 'has an expired TLS certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'has a self-signed TLS certificate',
  UND_ERR_SOCKET: 'closed the connection',
};

/** The innermost error code Node gives (fetch wraps the socket error in `cause`). */
function errorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && e.code !== 'UND_ERR_CONNECT_TIMEOUT') return e.code;
    if (e.code === 'UND_ERR_CONNECT_TIMEOUT') return 'ETIMEDOUT';
  }
  // dcmjs-dimse passes the socket error on as text only: " -> Connection error: connect ECONNREFUSED 127.0.0.1:4242".
  return /\b(E[A-Z]{4,}|[A-Z_]*CERT[A-Z_]*)\b/.exec((err as Error | undefined)?.message ?? '')?.[1];
}

/** fetch says only "fetch failed"; the reason (e.g. "bad port") is in its innermost cause. */
function innermostMessage(err: unknown): string {
  let e = err as { message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e?.cause && depth < 5; depth++) e = e.cause as typeof e;
  return String(e?.message ?? err);
}

export function timeoutError(pacs: string, timeoutMs: number): PacsError {
  return new PacsError(`${pacs} did not answer within ${+(timeoutMs / 1000).toFixed(1)} s`);
}

export function networkError(pacs: string, err: unknown, timedOut: boolean, timeoutMs: number): PacsError {
  if (err instanceof PacsError) return err;
  if (timedOut) return timeoutError(pacs, timeoutMs);
  const code = errorCode(err);
  const reason = (code && CAUSES[code]) ?? `failed: ${code ?? innermostMessage(err)}`;
  return new PacsError(`${pacs} ${reason}`);
}
