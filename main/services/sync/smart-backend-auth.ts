/**
 * SMART Backend Services (HL7 SMART App Launch 2.x, "Backend Services"): the client proves itself with a JWT signed by
 * its private key (`private_key_jwt`, RS384 or ES384), posted to the token endpoint in a client_credentials grant.
 * The access token is cached and replaced shortly before it expires, or at once when the server answers 401.
 */
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { AuthProvider } from './auth';

export interface SmartBackendConfig {
  clientId: string;
  tokenUrl: string;
  alg: 'RS384' | 'ES384';
  keyId: string;
  scope: string;
}

const ASSERTION_LIFETIME_S = 300; // the spec's upper limit for `exp`
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** A signed JWT; ES384 signatures are the raw r‖s form JWS requires (RFC 7518 §3.4), not DER. */
export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject, alg: 'RS384' | 'ES384'): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = alg === 'ES384' ? sign('sha384', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }) : sign('sha384', Buffer.from(input), key);
  return `${input}.${base64url(signature)}`;
}

export class SmartAuthError extends Error {
  override name = 'SmartAuthError';
}

export class SmartBackendAuth implements AuthProvider {
  private readonly key: KeyObject;
  private token: { value: string; refreshAtMs: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly config: SmartBackendConfig,
    privateKeyPem: string,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.key = createPrivateKey(privateKeyPem);
    const type = this.key.asymmetricKeyType;
    if ((config.alg === 'RS384' && type !== 'rsa') || (config.alg === 'ES384' && type !== 'ec')) {
      throw new SmartAuthError(`the private key is ${type}, which cannot sign ${config.alg}`);
    }
  }

  async headers(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.accessToken()}` };
  }

  invalidate(): boolean {
    this.token = undefined;
    return true;
  }

  /** The cached token, or one fresh from the token endpoint (one request even when many callers ask at once). */
  accessToken(): Promise<string> {
    if (this.token && this.nowMs() < this.token.refreshAtMs) return Promise.resolve(this.token.value);
    this.pending ??= this.requestToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  clientAssertion(): string {
    const nowS = Math.floor(this.nowMs() / 1000);
    return signJwt(
      { alg: this.config.alg, typ: 'JWT', kid: this.config.keyId },
      { iss: this.config.clientId, sub: this.config.clientId, aud: this.config.tokenUrl, exp: nowS + ASSERTION_LIFETIME_S, jti: randomUUID() },
      this.key,
      this.config.alg,
    );
  }

  private async requestToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: this.config.scope,
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: this.clientAssertion(),
    });
    const res = await this.fetchFn(this.config.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new SmartAuthError(`token endpoint answered ${res.status}: ${text.slice(0, 300)}`);
    const json = JSON.parse(text) as { access_token?: string; expires_in?: number; token_type?: string };
    if (!json.access_token) throw new SmartAuthError('token endpoint gave no access_token');
    const lifetimeMs = (json.expires_in ?? 300) * 1000;
    // Renew a little early (a fifth of the lifetime, at most a minute) so a request never leaves with a dying token.
    this.token = { value: json.access_token, refreshAtMs: this.nowMs() + lifetimeMs - Math.min(60_000, lifetimeMs / 5) };
    return json.access_token;
  }
}
