import type { Migration } from './migration';

/**
 * The PACS nodes the workstation queries and retrieves from. Connection settings only: an auth header's value is a
 * secret and lives in the SecretStore under `pacs:<id>:auth`, so this table never holds one.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'pacs-nodes',
  up(db) {
    db.exec(`
      CREATE TABLE pacs_nodes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('dicomweb', 'dimse')),
        url TEXT,                              -- DICOMweb root
        host TEXT,
        port INTEGER,
        called_ae TEXT,
        calling_ae TEXT,
        dimse_retrieve TEXT NOT NULL DEFAULT 'c-get' CHECK (dimse_retrieve IN ('c-get', 'c-move')),
        local_store_port INTEGER,
        auth_header_name TEXT,                 -- the header's name only; its value is in the SecretStore
        updated_at TEXT NOT NULL
      );
    `);
  },
};
