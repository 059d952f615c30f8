/**
 * Who did what to which patient data, and when: one row per read or write of patient data.
 * Call it inside the same transaction as the write it records, so that neither exists without the other.
 */
import type { StoreDatabase } from '../store/open-store';

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'import' | 'export' | 'sync';

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  patientKey?: string | null;
  detail?: string | null;
}

export interface AuditRow extends Required<AuditEvent> {
  id: number;
  at: string;
}

export class AuditLog {
  private readonly insert;
  constructor(private readonly db: StoreDatabase) {
    this.insert = db.prepare(
      `INSERT INTO audit (at, actor, action, entity_type, entity_id, patient_key, detail)
       VALUES (@at, @actor, @action, @entityType, @entityId, @patientKey, @detail)`,
    );
  }

  record(event: AuditEvent): void {
    this.insert.run({
      at: new Date().toISOString(),
      actor: event.actor,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      patientKey: event.patientKey ?? null,
      detail: event.detail ?? null,
    });
  }

  recent(limit: number, patientKey?: string): AuditRow[] {
    const rows = patientKey
      ? this.db.prepare('SELECT * FROM audit WHERE patient_key = ? ORDER BY id DESC LIMIT ?').all(patientKey, limit)
      : this.db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit);
    return (rows as Record<string, unknown>[]).map((r) => ({
      id: r.id as number,
      at: r.at as string,
      actor: r.actor as string,
      action: r.action as AuditAction,
      entityType: r.entity_type as string,
      entityId: (r.entity_id as string | null) ?? null,
      patientKey: (r.patient_key as string | null) ?? null,
      detail: (r.detail as string | null) ?? null,
    }));
  }
}
