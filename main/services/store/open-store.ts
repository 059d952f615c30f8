/**
 * The one module that opens the twin store (so encryption at rest can be added here later).
 *
 * Safety first: a file that is not a SQLite database, or a SQLite database that belongs to another program, or one
 * that fails its integrity check, is refused with a clear error and never written to.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations';

/** PRAGMA application_id marking a file as ours: 'TWIN' in ASCII. */
export const TWIN_APPLICATION_ID = 0x5457494e;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export class StoreOpenError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`cannot open the twin store ${file}: ${reason}. The file was left untouched.`);
    this.name = 'StoreOpenError';
  }
}

export type StoreDatabase = Database.Database;

export interface OpenStoreOptions {
  readonly?: boolean;
}

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Refuses anything that is not an empty file, a new file, or a SQLite database. */
function checkFileBeforeOpening(file: string): void {
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) throw new StoreOpenError(file, 'it is a folder, not a database file');
  const header = readHeader(file);
  if (header.length === 0) return;
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw new StoreOpenError(file, 'it is not a SQLite database (wrong header: corrupt or another kind of file)');
  }
}

function checkItIsOurs(db: Database.Database, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tableCount = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  if (appId !== TWIN_APPLICATION_ID && !(appId === 0 && tableCount === 0)) {
    throw new StoreOpenError(
      file,
      `it is a SQLite database of another program (application_id ${appId}, ${tableCount} tables), not a twin store`,
    );
  }
  const check = db.pragma('quick_check', { simple: true }) as string;
  if (check !== 'ok') throw new StoreOpenError(file, `integrity check failed: ${check}`);
}

function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new StoreOpenError(file, `it was written by a newer Twin Workstation (schema ${current}, this one knows ${latest})`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function openStore(file: string, options: OpenStoreOptions = {}): StoreDatabase {
  const resolved = path.resolve(file);
  checkFileBeforeOpening(resolved);
  if (!options.readonly) mkdirSync(path.dirname(resolved), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(resolved, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw new StoreOpenError(resolved, (err as Error).message);
  }
  try {
    checkItIsOurs(db, resolved);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if ((db.pragma('application_id', { simple: true }) as number) !== TWIN_APPLICATION_ID) {
        db.pragma(`application_id = ${TWIN_APPLICATION_ID}`);
      }
      migrate(db, resolved);
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreOpenError) throw err;
    throw new StoreOpenError(resolved, (err as Error).message);
  }
}
