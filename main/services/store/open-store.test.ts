import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { openStore, StoreOpenError, TWIN_APPLICATION_ID } from './open-store';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'twin-store-'));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openStore', () => {
  it('creates a new store in WAL mode with every migration applied and our application id', () => {
    const file = path.join(tmp(), 'nested', 'twin.sqlite');
    const db = openStore(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.pragma('application_id', { simple: true })).toBe(TWIN_APPLICATION_ID);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['patients', 'studies', 'series', 'instances', 'jobs', 'audit']));
    db.close();
    const again = openStore(file);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    again.close();
  });

  it('refuses a corrupt file with a clear error and leaves it untouched', () => {
    const file = path.join(tmp(), 'twin.sqlite');
    writeFileSync(file, Buffer.concat([Buffer.from('this is not a database'), Buffer.alloc(4096, 7)]));
    const before = sha(file);
    expect(() => openStore(file)).toThrow(StoreOpenError);
    expect(() => openStore(file)).toThrow(/not a SQLite database.*left untouched/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a SQLite file with a damaged body and leaves it untouched', () => {
    const file = path.join(tmp(), 'twin.sqlite');
    openStore(file).close();
    const bytes = readFileSync(file);
    bytes.fill(0xff, 100, 4096 + 200); // header kept, schema page smashed
    writeFileSync(file, bytes);
    const before = sha(file);
    expect(() => openStore(file)).toThrow(StoreOpenError);
    expect(sha(file)).toBe(before);
  });

  it("refuses another program's SQLite database and never writes to it", () => {
    const file = path.join(tmp(), 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5);');
    other.close();
    const before = sha(file);
    expect(() => openStore(file)).toThrow(/another program/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a store written by a newer version', () => {
    const file = path.join(tmp(), 'twin.sqlite');
    const db = openStore(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openStore(file)).toThrow(/newer Twin Workstation/);
  });
});
