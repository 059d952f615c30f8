/**
 * The web host's guards: loopback only, a random token per run, and Origin/Host checks so that no other web page in
 * the user's browser (or a DNS-rebinding attack) can drive the workstation.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Host must be our loopback address; Origin, when a browser sends one, must be our own page. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const hosts = allowedHosts(port);
  if (!req.headers.host || !hosts.includes(req.headers.host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return hosts.some((h) => origin === `http://${h}`);
}

export function bearerToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (!auth?.startsWith('Bearer ')) return null;
  return auth.slice('Bearer '.length).trim();
}

/** Browsers cannot set headers on a WebSocket: the token travels as a subprotocol `twin-token.<token>`. */
export const WS_TOKEN_PREFIX = 'twin-token.';

export function contentSecurityPolicy(port: number): string {
  const ws = allowedHosts(port).map((h) => `ws://${h}`).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
