/**
 * Where sync secrets (passwords, bearer tokens, private keys) are kept. Under Electron, main/app passes its
 * safeStorage (OS keychain encryption) to EncryptedFileSecretStore; headless, FileSecretStore keeps them in a file
 * readable by the owner only (0600), in plain text, and says so once, loudly.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SecretStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** The part of Electron's `safeStorage` needed here; services never import electron themselves. */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const PLAIN_FILE_WARNING =
  'sync secrets are stored UNENCRYPTED in %s (readable by this user only, mode 0600); protect the file, or use the desktop app, which encrypts them with the OS keychain';

function readJson(file: string): Record<string, string> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/** Written to a 0600 temporary file and renamed, so the secrets are never briefly world-readable or half-written. */
function writeJsonPrivately(file: string, all: Record<string, string>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export class FileSecretStore implements SecretStore {
  private warned = false;
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void = (m) => process.stderr.write(`warning: ${m}\n`),
  ) {}

  get(key: string): string | undefined {
    return readJson(this.file)[key];
  }

  set(key: string, value: string): void {
    const all = readJson(this.file);
    all[key] = value;
    this.write(all);
  }

  delete(key: string): void {
    const all = readJson(this.file);
    if (!(key in all)) return;
    delete all[key];
    this.write(all);
  }

  private write(all: Record<string, string>): void {
    writeJsonPrivately(this.file, all);
    if (!this.warned) {
      this.warned = true;
      this.warn(PLAIN_FILE_WARNING.replace('%s', this.file));
    }
  }
}

/** Each value encrypted by the OS keychain (Electron safeStorage), base64 in a 0600 file. Refuses to store in clear. */
export class EncryptedFileSecretStore implements SecretStore {
  constructor(
    readonly file: string,
    private readonly cipher: StringCipher,
  ) {}

  get(key: string): string | undefined {
    const value = readJson(this.file)[key];
    return value === undefined ? undefined : this.cipher.decryptString(Buffer.from(value, 'base64'));
  }

  set(key: string, value: string): void {
    if (!this.cipher.isEncryptionAvailable()) throw new Error('the OS keychain is not available: the secret was not stored');
    const all = readJson(this.file);
    all[key] = this.cipher.encryptString(value).toString('base64');
    writeJsonPrivately(this.file, all);
  }

  delete(key: string): void {
    const all = readJson(this.file);
    if (!(key in all)) return;
    delete all[key];
    writeJsonPrivately(this.file, all);
  }
}

/** For tests and for hosts that keep secrets only for the session. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  get(key: string): string | undefined {
    return this.values.get(key);
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  delete(key: string): void {
    this.values.delete(key);
  }
}
