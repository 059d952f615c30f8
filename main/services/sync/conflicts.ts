/**
 * Conflicts: a local change whose base version is no longer the server's (412 on If-Match). Never overwritten
 * silently: the outbox row waits until a person keeps the local version (pushed next, based on the server's
 * version) or the server's (stored locally, the local change dropped).
 */
import type { Resource } from '@medplum/fhirtypes';
import type { AuditLog } from '../audit/audit-log';
import { FhirResourceStore } from '../fhir/resource-store';
import type { StoreDatabase } from '../store/open-store';
import { FhirOutbox } from './outbox';

export type ConflictResolution = 'keep-local' | 'keep-server';

export interface SyncConflict {
  id: number;
  resourceType: string;
  resourceId: string;
  local: Resource;
  server: Resource | null;
  serverVersionId: string | null;
  detectedAt: string;
  resolvedAt: string | null;
  resolution: ConflictResolution | null;
}

type Row = Record<string, unknown>;

export class ConflictNotFoundError extends Error {
  override name = 'ConflictNotFoundError';
}

function toConflict(r: Row): SyncConflict {
  return {
    id: r.id as number,
    resourceType: r.resource_type as string,
    resourceId: r.resource_id as string,
    local: JSON.parse(r.local_json as string) as Resource,
    server: r.server_json ? (JSON.parse(r.server_json as string) as Resource) : null,
    serverVersionId: (r.server_version_id as string | null) ?? null,
    detectedAt: r.detected_at as string,
    resolvedAt: (r.resolved_at as string | null) ?? null,
    resolution: (r.resolution as ConflictResolution | null) ?? null,
  };
}

export class ConflictStore {
  private readonly outbox: FhirOutbox;
  private readonly store: FhirResourceStore;
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {
    this.outbox = new FhirOutbox(db, audit, actor);
    this.store = new FhirResourceStore(db);
  }

  list(includeResolved = false): SyncConflict[] {
    const rows = this.db
      .prepare(`SELECT * FROM fhir_conflicts ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY id`)
      .all() as Row[];
    this.audit.record({ actor: this.actor, action: 'read', entityType: 'SyncConflict', detail: `${rows.length} conflicts` });
    return rows.map(toConflict);
  }

  openCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM fhir_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
  }

  resolve(conflictId: number, resolution: ConflictResolution): void {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM fhir_conflicts WHERE id = ? AND resolved_at IS NULL').get(conflictId) as Row | undefined;
      if (!row) throw new ConflictNotFoundError(`no open conflict ${conflictId}`);
      const conflict = toConflict(row);
      const queued = this.outbox.find(conflict.resourceType, conflict.resourceId);
      if (resolution === 'keep-local') {
        // Push again, now claiming the server's current version as the base: the person has seen it and chose ours.
        if (queued) {
          this.db
            .prepare("UPDATE fhir_outbox SET state = 'queued', base_version_id = ?, attempts = 0, last_error = NULL WHERE id = ?")
            .run(conflict.serverVersionId, queued.id);
        }
      } else {
        if (queued) this.db.prepare('DELETE FROM fhir_outbox WHERE id = ?').run(queued.id);
        if (conflict.server?.id) this.store.put(conflict.server as Resource & { id: string }, 'server');
      }
      this.db.prepare('UPDATE fhir_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(new Date().toISOString(), resolution, conflictId);
      this.audit.record({
        actor: this.actor,
        action: 'update',
        entityType: conflict.resourceType,
        entityId: conflict.resourceId,
        patientKey: this.outbox.patientKeyOf(conflict.local),
        detail: `conflict resolved: ${resolution}`,
      });
    })();
  }
}
