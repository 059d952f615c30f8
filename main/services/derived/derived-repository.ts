/**
 * Segmentations, plans and simulation runs as the store keeps them: a row per object, its payload files on disk.
 * Written in one transaction with its audit row; reads are audited like every read of patient data.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { DerivedObject } from '../../contract/domain';
import { DERIVED_FILE_NAME, type DerivedOutput } from '../../../workers/process/derived-output';
import type { AuditLog } from '../audit/audit-log';
import { NotFoundError } from '../patients/patient-repository';
import type { StoreDatabase } from '../store/open-store';

type Row = Record<string, unknown>;

export interface NewDerived {
  id: string;
  patientKey: string | null;
  seriesKey: string | null;
  jobId: string;
  outDir: string;
  output: DerivedOutput;
}

export class DerivedRepository {
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {}

  add(item: NewDerived): DerivedObject {
    const files = item.output.files.map((f) => {
      if (!DERIVED_FILE_NAME.test(f.name)) throw new Error(`the engine named an output file "${f.name}": not a plain file name`);
      const filePath = path.join(item.outDir, f.name);
      return { ...f, filePath, byteSize: statSync(filePath).size };
    });
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO derived_objects (id, kind, patient_key, series_key, title, job_id, summary_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(item.id, item.output.kind, item.patientKey, item.seriesKey, item.output.title, item.jobId, JSON.stringify(item.output.summary), new Date().toISOString());
      const insertFile = this.db.prepare('INSERT INTO derived_files (derived_id, name, media_type, file_path, byte_size) VALUES (?, ?, ?, ?, ?)');
      for (const f of files) insertFile.run(item.id, f.name, f.mediaType, f.filePath, f.byteSize);
      this.audit.record({
        actor: this.actor,
        action: 'create',
        entityType: item.output.kind,
        entityId: item.id,
        patientKey: item.patientKey,
        detail: item.output.title,
      });
    })();
    return this.get(item.id, false);
  }

  list(patientKey: string | null, kind?: string): DerivedObject[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM derived_objects WHERE patient_key IS ? AND (? IS NULL OR kind = ?) ORDER BY created_at DESC`,
      )
      .all(patientKey, kind ?? null, kind ?? null) as Row[];
    this.audit.record({ actor: this.actor, action: 'read', entityType: 'DerivedObjectList', patientKey, detail: kind ?? 'all kinds' });
    return rows.map((r) => this.toObject(r));
  }

  get(id: string, audited = true): DerivedObject {
    const row = this.db.prepare('SELECT * FROM derived_objects WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new NotFoundError(`no derived object "${id}"`);
    if (audited) this.audit.record({ actor: this.actor, action: 'read', entityType: row.kind as string, entityId: id, patientKey: row.patient_key as string | null });
    return this.toObject(row);
  }

  /** Where a payload file is (never sent to the renderer). */
  filePath(id: string, name: string): string {
    const row = this.db
      .prepare('SELECT f.file_path, o.patient_key, o.kind FROM derived_files f JOIN derived_objects o ON o.id = f.derived_id WHERE f.derived_id = ? AND f.name = ?')
      .get(id, name) as { file_path: string; patient_key: string | null; kind: string } | undefined;
    if (!row) throw new NotFoundError(`no file "${name}" in derived object "${id}"`);
    this.audit.record({ actor: this.actor, action: 'read', entityType: row.kind, entityId: `${id}/${name}`, patientKey: row.patient_key });
    return row.file_path;
  }

  private toObject(r: Row): DerivedObject {
    const files = this.db.prepare('SELECT name, media_type, byte_size FROM derived_files WHERE derived_id = ? ORDER BY name').all(r.id) as Row[];
    return {
      id: r.id as string,
      kind: r.kind as string,
      patientKey: (r.patient_key as string | null) ?? null,
      seriesKey: (r.series_key as string | null) ?? null,
      title: r.title as string,
      jobId: (r.job_id as string | null) ?? null,
      summary: JSON.parse(r.summary_json as string) as unknown,
      files: files.map((f) => ({ name: f.name as string, mediaType: f.media_type as string, byteSize: f.byte_size as number })),
      createdAt: r.created_at as string,
    };
  }
}
