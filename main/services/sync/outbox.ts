/**
 * The outbox of local changes that must reach the EHR (the Android FHIR SDK's "local changes"). `stage` writes the
 * resource into the twin's record AND its outbox row AND the audit row in one transaction: a change is never stored
 * without being queued, nor queued without being stored. Later changes to a resource still queued are squashed into
 * its row (the server only needs the latest state); `revision` tells the push whether the row changed while in flight.
 */
import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import type { AuditLog } from '../audit/audit-log';
import { FhirResourceStore, patientRefOf } from '../fhir/resource-store';
import type { StoreDatabase } from '../store/open-store';

export type OutboxOperation = 'create' | 'update' | 'delete';

export interface OutboxRow {
  id: number;
  resourceType: string;
  resourceId: string;
  operation: OutboxOperation;
  /** Sent as If-Match: the server version this change was made on. */
  baseVersionId: string | null;
  resource: Resource & { id: string };
  revision: number;
  state: 'queued' | 'conflict';
  attempts: number;
  lastError: string | null;
}

/** What the server said about a resource it accepted. */
export interface ServerVersion {
  versionId: string | null;
  lastUpdated: string | null;
}

type Row = Record<string, unknown>;

function toRow(r: Row): OutboxRow {
  return {
    id: r.id as number,
    resourceType: r.resource_type as string,
    resourceId: r.resource_id as string,
    operation: r.operation as OutboxOperation,
    baseVersionId: (r.base_version_id as string | null) ?? null,
    resource: JSON.parse(r.json as string) as Resource & { id: string },
    revision: r.revision as number,
    state: r.state as OutboxRow['state'],
    attempts: r.attempts as number,
    lastError: (r.last_error as string | null) ?? null,
  };
}

export class FhirOutbox {
  private readonly store: FhirResourceStore;
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {
    this.store = new FhirResourceStore(db);
  }

  /**
   * Stores resources in the twin's record and queues them for the EHR, atomically. A resource without an id gets a
   * UUID here: the id is the client's, so a retried upload (PUT Type/id) can never create a second copy.
   */
  stage(resources: readonly Resource[]): (Resource & { id: string })[] {
    return this.db.transaction(() => resources.map((r) => this.stageOne(r)))();
  }

  /** Queues the deletion of a resource on the server and removes it from the local record. */
  remove(resourceType: string, id: string): void {
    this.db.transaction(() => {
      const existing = this.store.get(resourceType, id);
      if (!existing) return;
      const queued = this.find(resourceType, id);
      if (queued?.operation === 'create') {
        // Never reached the server: nothing to delete there.
        this.db.prepare('DELETE FROM fhir_outbox WHERE id = ?').run(queued.id);
      } else {
        this.upsertRow(existing.resource as Resource & { id: string }, 'delete', queued?.baseVersionId ?? existing.versionId, queued);
      }
      this.db.prepare('DELETE FROM fhir_resources WHERE resource_type = ? AND id = ?').run(resourceType, id);
      this.audit.record({ actor: this.actor, action: 'delete', entityType: resourceType, entityId: id, patientKey: this.patientKeyOf(existing.resource) });
    })();
  }

  /** Rows ready to push, oldest first, skipping conflicts and the ids in `exclude`. */
  nextBatch(limit: number, exclude: ReadonlySet<number> = new Set()): OutboxRow[] {
    const rows = this.db.prepare("SELECT * FROM fhir_outbox WHERE state = 'queued' ORDER BY id").iterate() as IterableIterator<Row>;
    const out: OutboxRow[] = [];
    for (const r of rows) {
      if (exclude.has(r.id as number)) continue;
      out.push(toRow(r));
      if (out.length >= limit) break;
    }
    return out;
  }

  queuedCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM fhir_outbox WHERE state = 'queued'").get() as { n: number }).n;
  }

  list(): OutboxRow[] {
    return (this.db.prepare('SELECT * FROM fhir_outbox ORDER BY id').all() as Row[]).map(toRow);
  }

  find(resourceType: string, id: string): OutboxRow | undefined {
    const r = this.db.prepare('SELECT * FROM fhir_outbox WHERE resource_type = ? AND resource_id = ?').get(resourceType, id) as Row | undefined;
    return r ? toRow(r) : undefined;
  }

  /**
   * The server has the change: record its version on the local copy and drop the row, in one transaction with the
   * audit row. If the resource changed again while the upload was in flight, the row stays, now based on the
   * server's new version.
   */
  complete(row: OutboxRow, server: ServerVersion): void {
    const current = this.find(row.resourceType, row.resourceId);
    if (!current) return;
    if (current.revision === row.revision) {
      this.db.prepare('DELETE FROM fhir_outbox WHERE id = ?').run(current.id);
    } else {
      this.db
        .prepare("UPDATE fhir_outbox SET base_version_id = ?, operation = CASE operation WHEN 'create' THEN 'update' ELSE operation END WHERE id = ?")
        .run(server.versionId, current.id);
    }
    if (row.operation !== 'delete') {
      const local = this.store.get(row.resourceType, row.resourceId);
      if (local) {
        const meta = { ...local.resource.meta, versionId: server.versionId ?? undefined, lastUpdated: server.lastUpdated ?? undefined };
        this.store.put({ ...(local.resource as Resource & { id: string }), meta }, local.source);
      }
    }
    this.audit.record({
      actor: this.actor,
      action: 'export',
      entityType: row.resourceType,
      entityId: row.resourceId,
      patientKey: this.patientKeyOf(row.resource),
      detail: `${row.operation} pushed to the EHR, server version ${server.versionId ?? '?'}`,
    });
  }

  /** A try that failed: counted and explained on the row (shown in the sync status), the row stays queued. */
  fail(rowId: number, error: string): void {
    this.db.prepare('UPDATE fhir_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(error, rowId);
  }

  /** The server holds another version (412): the row waits for a person to choose (conflicts.ts). */
  markConflict(row: OutboxRow, server: Resource | undefined): void {
    this.db.prepare("UPDATE fhir_outbox SET state = 'conflict', last_error = 'changed on the server' WHERE id = ?").run(row.id);
    this.db
      .prepare(
        `INSERT INTO fhir_conflicts (resource_type, resource_id, local_json, server_json, server_version_id, detected_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(row.resourceType, row.resourceId, JSON.stringify(row.resource), server ? JSON.stringify(server) : null, server?.meta?.versionId ?? null, new Date().toISOString());
    this.audit.record({ actor: this.actor, action: 'sync', entityType: row.resourceType, entityId: row.resourceId, patientKey: this.patientKeyOf(row.resource), detail: 'conflict: changed on the server' });
  }

  /** DICOM patient key linked to the resource's FHIR patient, for the audit trail. */
  patientKeyOf(resource: Resource): string | null {
    const ref = patientRefOf(resource);
    if (!ref) return null;
    const row = this.db.prepare('SELECT patient_key FROM fhir_patient_links WHERE fhir_patient_id = ? LIMIT 1').get(ref.slice('Patient/'.length)) as
      | { patient_key: string }
      | undefined;
    return row?.patient_key ?? null;
  }

  private stageOne(input: Resource): Resource & { id: string } {
    const id = input.id ?? randomUUID();
    const existing = this.store.get(input.resourceType, id);
    const queued = this.find(input.resourceType, id);
    // The local copy keeps the server version it was based on, so that the push can send If-Match.
    const meta = { ...input.meta, versionId: existing?.versionId ?? undefined, lastUpdated: existing?.lastUpdated ?? undefined };
    const resource = { ...input, id, meta } as Resource & { id: string };
    const operation: OutboxOperation = queued?.operation === 'create' || !existing?.versionId ? 'create' : 'update';
    this.upsertRow(resource, operation, queued?.baseVersionId ?? existing?.versionId ?? null, queued);
    this.store.put(resource, existing?.source === 'local' || !existing ? 'local' : existing.source);
    this.audit.record({
      actor: this.actor,
      action: existing ? 'update' : 'create',
      entityType: resource.resourceType,
      entityId: id,
      patientKey: this.patientKeyOf(resource),
      detail: 'queued for the EHR',
    });
    return resource;
  }

  private upsertRow(resource: Resource & { id: string }, operation: OutboxOperation, baseVersionId: string | null, queued: OutboxRow | undefined): void {
    if (queued) {
      this.db
        .prepare('UPDATE fhir_outbox SET operation = ?, json = ?, revision = revision + 1, base_version_id = ? WHERE id = ?')
        .run(operation, JSON.stringify(resource), baseVersionId, queued.id);
    } else {
      this.db
        .prepare(
          `INSERT INTO fhir_outbox (resource_type, resource_id, operation, base_version_id, json, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(resource.resourceType, resource.id, operation, baseVersionId, JSON.stringify(resource), new Date().toISOString());
    }
  }
}
