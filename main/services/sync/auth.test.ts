import { createCipheriv, createDecipheriv, createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFhirTestServer, type FhirTestServer } from '../../../testing/fhir-server/fhir-test-server';
import { createAuthProvider, secretKeys } from './auth';
import { FhirClient } from './fhir-client';
import { EncryptedFileSecretStore, FileSecretStore, MemorySecretStore, type StringCipher } from './secret-store';
import { SmartBackendAuth } from './smart-backend-auth';

let fhir: FhirTestServer | undefined;
let tokenServer: http.Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fhir?.close();
  tokenServer?.closeAllConnections();
  tokenServer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fhir = undefined;
  tokenServer = undefined;
  dir = undefined;
});

interface Issued {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** A SMART token endpoint that checks the client assertion's signature with the client's public key. */
async function startTokenEndpoint(publicKeyPem: string, expiresInS: number) {
  const issued: Issued[] = [];
  const tokens = new Set<string>();
  tokenServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const [h, c, sig] = (form.get('client_assertion') ?? '').split('.');
      const header = JSON.parse(Buffer.from(h!, 'base64url').toString()) as Record<string, unknown>;
      const claims = JSON.parse(Buffer.from(c!, 'base64url').toString()) as Record<string, unknown>;
      const key = createPublicKey(publicKeyPem);
      const ok =
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' &&
        verify('sha384', Buffer.from(`${h}.${c}`), header.alg === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key, Buffer.from(sig!, 'base64url'));
      if (!ok) {
        res.writeHead(401).end('{"error":"invalid_client"}');
        return;
      }
      issued.push({ header, claims });
      const token = `tok-${issued.length}`;
      tokens.add(token);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: expiresInS, scope: form.get('scope') }));
    });
  });
  await new Promise<void>((r) => tokenServer!.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
  return { url, issued, tokens };
}

describe('SMART Backend Services auth', () => {
  for (const alg of ['RS384', 'ES384'] as const) {
    it(`gets a token with a ${alg} private_key_jwt, caches it, and refreshes it before expiry`, async () => {
      const pair = alg === 'RS384' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-384' });
      const endpoint = await startTokenEndpoint(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 300);
      let now = 1_800_000_000_000;
      const auth = new SmartBackendAuth(
        { clientId: 'twin-ws', tokenUrl: endpoint.url, alg, keyId: 'k1', scope: 'system/*.rs' },
        pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        fetch,
        () => now,
      );
      const [t1, t2] = await Promise.all([auth.accessToken(), auth.accessToken()]);
      expect([t1, t2]).toEqual(['tok-1', 'tok-1']); // one request for callers that ask at once
      expect(endpoint.issued[0]!.header).toEqual({ alg, typ: 'JWT', kid: 'k1' });
      expect(endpoint.issued[0]!.claims).toMatchObject({ iss: 'twin-ws', sub: 'twin-ws', aud: endpoint.url, exp: now / 1000 + 300 });
      now += 200_000; // within the lifetime less the early-renewal margin (60 s): cached
      expect(await auth.accessToken()).toBe('tok-1');
      now += 50_000; // 250 s: inside the margin, renewed
      expect(await auth.accessToken()).toBe('tok-2');
      expect(endpoint.issued[1]!.claims.jti).not.toBe(endpoint.issued[0]!.claims.jti);
    });
  }

  it('authenticates against a FHIR server that requires a token, renewing it after a 401', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const endpoint = await startTokenEndpoint(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 300);
    fhir = await startFhirTestServer({ acceptToken: (t) => endpoint.tokens.has(t) });
    const secrets = new MemorySecretStore();
    secrets.set(secretKeys.privateKey('site'), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const auth = createAuthProvider('site', { kind: 'smart-backend', clientId: 'c', tokenUrl: endpoint.url, alg: 'ES384', keyId: 'k', scope: 'system/*.cruds' }, secrets);
    const client = new FhirClient(fhir.url, auth, { timeoutMs: 5000 });
    expect((await client.request('PUT', 'Patient/a', { resourceType: 'Patient', id: 'a' })).status).toBe(201);
    endpoint.tokens.delete('tok-1'); // the server revokes the token
    expect((await client.request('GET', 'Patient/a')).status).toBe(200);
    expect(endpoint.issued).toHaveLength(2);
    const bare = new FhirClient(fhir.url, createAuthProvider('site', { kind: 'none' }, secrets), { timeoutMs: 5000 });
    expect((await bare.request('GET', 'Patient/a')).status).toBe(401);
  });

  it('refuses a key that cannot sign the chosen algorithm', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => new SmartBackendAuth({ clientId: 'c', tokenUrl: 'http://x/token', alg: 'ES384', keyId: 'k', scope: 's' }, rsa)).toThrow(/cannot sign ES384/);
  });
});

describe('basic and bearer auth, and secrets', () => {
  it('builds the headers from the secret store, and fails clearly when the secret is missing', async () => {
    const secrets = new MemorySecretStore();
    expect(() => createAuthProvider('s', { kind: 'basic', username: 'u' }, secrets)).toThrow(/basic-auth password is not set/);
    secrets.set(secretKeys.password('s'), 'p:w');
    expect(await createAuthProvider('s', { kind: 'basic', username: 'u' }, secrets).headers()).toEqual({ Authorization: `Basic ${Buffer.from('u:p:w').toString('base64')}` });
    secrets.set(secretKeys.token('s'), 'abc');
    expect(await createAuthProvider('s', { kind: 'bearer' }, secrets).headers()).toEqual({ Authorization: 'Bearer abc' });
  });

  it('keeps headless secrets in a 0600 file and warns once that they are not encrypted', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'twin-secrets-'));
    const warnings: string[] = [];
    const file = path.join(dir, 'secrets.json');
    const secrets = new FileSecretStore(file, (m) => warnings.push(m));
    secrets.set('a', '1');
    secrets.set('b', '2');
    secrets.delete('a');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ b: '2' });
    expect(new FileSecretStore(file).get('b')).toBe('2');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/UNENCRYPTED/);
  });

  it('keeps desktop secrets encrypted by the OS keychain cipher, and refuses when it is unavailable', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'twin-secrets-'));
    const key = randomBytes(32);
    let available = true;
    // Stands in for Electron's safeStorage: AES-256-GCM with a key the test holds.
    const cipher: StringCipher = {
      isEncryptionAvailable: () => available,
      encryptString(plain) {
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
        return Buffer.concat([iv, c.getAuthTag(), body]);
      },
      decryptString(encrypted) {
        const d = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
        d.setAuthTag(encrypted.subarray(12, 28));
        return Buffer.concat([d.update(encrypted.subarray(28)), d.final()]).toString('utf8');
      },
    };
    const file = path.join(dir, 'secrets.json');
    const secrets = new EncryptedFileSecretStore(file, cipher);
    secrets.set('pw', 'correct horse battery staple');
    expect(readFileSync(file, 'utf8')).not.toContain('horse');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new EncryptedFileSecretStore(file, cipher).get('pw')).toBe('correct horse battery staple');
    available = false;
    expect(() => secrets.set('other', 'x')).toThrow(/keychain is not available/);
  });
});
