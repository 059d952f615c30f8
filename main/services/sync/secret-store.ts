/**
 * Where sync secrets (passwords, bearer tokens, private keys) are kept. Under Electron the lead's host supplies a
 * SecretStore over safeStorage (OS keychain encryption); headless, FileSecretStore keeps them in a file readable by
 * the owner only (0600), in plain text, and says so once, loudly.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SecretStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export const PLAIN_FILE_WARNING =
  'sync secrets are stored UNENCRYPTED in %s (readable by this user only, mode 0600); protect the file, or use the desktop app, which encrypts them with the OS keychain';

export class FileSecretStore implements SecretStore {
  private warned = false;
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void = (m) => process.stderr.write(`warning: ${m}\n`),
  ) {}

  get(key: string): string | undefined {
    return this.read()[key];
  }

  set(key: string, value: string): void {
    const all = this.read();
    all[key] = value;
    this.write(all);
  }

  delete(key: string): void {
    const all = this.read();
    if (!(key in all)) return;
    delete all[key];
    this.write(all);
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
  }

  /** Written to a 0600 temporary file and renamed, so the secrets are never briefly world-readable or half-written. */
  private write(all: Record<string, string>): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
    if (!this.warned) {
      this.warned = true;
      this.warn(PLAIN_FILE_WARNING.replace('%s', this.file));
    }
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
