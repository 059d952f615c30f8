import type { Migration } from './migration';

/**
 * The twin's FHIR record and the sync with an EHR (after the Android FHIR SDK's engine): resources as stored JSON,
 * DICOM↔FHIR patient links, the local-change outbox (written in the same transaction as the change it carries),
 * per-server download watermarks taken from the server's own clock, recorded conflicts, and server settings
 * (secrets live in a SecretStore, never here).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'fhir-record-and-sync',
  up(db) {
    db.exec(`
      CREATE TABLE fhir_resources (
        resource_type TEXT NOT NULL,
        id TEXT NOT NULL,
        version_id TEXT,                       -- the server's meta.versionId; NULL until the server has it
        last_updated TEXT,                     -- the server's meta.lastUpdated (never the local clock)
        patient_ref TEXT,                      -- 'Patient/<id>' of the compartment the resource belongs to
        json TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('local','server','import')),
        stored_at TEXT NOT NULL,
        PRIMARY KEY (resource_type, id)
      ) WITHOUT ROWID;
      CREATE INDEX fhir_resources_patient ON fhir_resources(patient_ref, resource_type);
      CREATE TABLE fhir_patient_links (
        patient_key TEXT NOT NULL REFERENCES patients(patient_key) ON DELETE CASCADE ON UPDATE CASCADE,
        fhir_patient_id TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('identifier','manual')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (patient_key, fhir_patient_id)
      );
      CREATE INDEX fhir_patient_links_fhir ON fhir_patient_links(fhir_patient_id);
      CREATE TABLE fhir_outbox (
        id INTEGER PRIMARY KEY,
        resource_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        operation TEXT NOT NULL CHECK (operation IN ('create','update','delete')),
        base_version_id TEXT,                  -- sent as If-Match; NULL for a create
        json TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,   -- bumped when a later change is squashed into this row
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','conflict')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (resource_type, resource_id)
      );
      CREATE TABLE fhir_sync_state (
        server_url TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        scope TEXT NOT NULL,                   -- the search it belongs to, e.g. 'Patient/123'
        last_server_time TEXT NOT NULL,        -- the greatest meta.lastUpdated received
        PRIMARY KEY (server_url, resource_type, scope)
      );
      CREATE TABLE fhir_conflicts (
        id INTEGER PRIMARY KEY,
        resource_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        local_json TEXT NOT NULL,
        server_json TEXT,
        server_version_id TEXT,
        detected_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT CHECK (resolution IN ('keep-local','keep-server'))
      );
      CREATE INDEX fhir_conflicts_open ON fhir_conflicts(resolved_at);
      CREATE TABLE fhir_servers (
        site TEXT PRIMARY KEY,
        base_url TEXT NOT NULL,
        auth_json TEXT NOT NULL,               -- auth kind and public parts; secrets are in the SecretStore
        updated_at TEXT NOT NULL
      );
    `);
  },
};
