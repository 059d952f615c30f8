/**
 * How the sync authenticates to a FHIR server: none, HTTP basic, a fixed bearer token, or SMART Backend Services
 * (smart-backend-auth.ts). The public part of the configuration is stored with the server settings; the secret part
 * (password, token, private key) is read from a SecretStore when needed.
 */
import type { SecretStore } from './secret-store';
import { SmartBackendAuth } from './smart-backend-auth';

export type AuthConfig =
  | { kind: 'none' }
  | { kind: 'basic'; username: string }
  | { kind: 'bearer' }
  | {
      kind: 'smart-backend';
      clientId: string;
      tokenUrl: string;
      /** Signing algorithm of the client assertion (SMART Backend Services allows these two). */
      alg: 'RS384' | 'ES384';
      /** `kid` of the key in the client's published JWKS. */
      keyId: string;
      scope: string;
    };

/** Secret names in the SecretStore, per site. */
export const secretKeys = {
  password: (site: string) => `fhir:${site}:password`,
  token: (site: string) => `fhir:${site}:token`,
  privateKey: (site: string) => `fhir:${site}:private-key-pem`,
};

export interface AuthProvider {
  /** Headers to add to a request (fetching or refreshing a token if needed). */
  headers(): Promise<Record<string, string>>;
  /** The server said 401: forget any cached token so the next call gets a new one. Returns true if retrying may help. */
  invalidate(): boolean;
}

export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

function requireSecret(secrets: SecretStore, key: string, what: string): string {
  const value = secrets.get(key);
  if (value === undefined) throw new AuthConfigError(`${what} is not set (secret "${key}")`);
  return value;
}

export function createAuthProvider(site: string, config: AuthConfig, secrets: SecretStore, fetchFn: typeof fetch = fetch): AuthProvider {
  switch (config.kind) {
    case 'none':
      return { headers: async () => ({}), invalidate: () => false };
    case 'basic': {
      const password = requireSecret(secrets, secretKeys.password(site), 'the basic-auth password');
      const value = `Basic ${Buffer.from(`${config.username}:${password}`).toString('base64')}`;
      return { headers: async () => ({ Authorization: value }), invalidate: () => false };
    }
    case 'bearer': {
      const token = requireSecret(secrets, secretKeys.token(site), 'the bearer token');
      return { headers: async () => ({ Authorization: `Bearer ${token}` }), invalidate: () => false };
    }
    case 'smart-backend':
      return new SmartBackendAuth(config, requireSecret(secrets, secretKeys.privateKey(site), 'the SMART private key'), fetchFn);
  }
}
