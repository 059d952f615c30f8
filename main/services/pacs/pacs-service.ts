/**
 * Query side of the PACS: echo, study search and series of a study, against a saved node (by id or name) or, for
 * the CLI, a connection given ad hoc; each query audited. Retrieval is a job (Workstation.retrievePacsStudy)
 * because it is long and must run in a worker.
 */
import type { PacsQuery, PacsSeries, PacsStudy } from '../../contract/domain';
import { describePacs, type PacsConnection } from '../../../workers/pacs/connection';
import { openPacsClient } from '../../../workers/pacs/pacs-client';
import type { AuditLog } from '../audit/audit-log';
import type { PacsNodes } from './pacs-nodes';

/** A saved node's id or name, or plain connection settings. */
export type PacsSource = string | PacsConnection;

export class PacsService {
  constructor(
    readonly nodes: PacsNodes,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {}

  /** A failure is an answer here (ok false, with the reason), not an error: the user asked whether it works. */
  async echo(source: PacsSource): Promise<{ ok: boolean; message: string; ms: number }> {
    const connection = this.resolve(source);
    const client = await openPacsClient(connection);
    const started = performance.now();
    try {
      await client.echo();
      const ms = Math.round(performance.now() - started);
      return { ok: true, message: `${describePacs(connection)} answered in ${ms} ms`, ms };
    } catch (err) {
      return { ok: false, message: (err as Error).message, ms: Math.round(performance.now() - started) };
    }
  }

  async find(source: PacsSource, query: PacsQuery): Promise<{ studies: PacsStudy[] }> {
    const connection = this.resolve(source);
    const studies = await (await openPacsClient(connection)).findStudies(query);
    this.auditQuery(source, connection, { query, studies: studies.length });
    return { studies };
  }

  async series(source: PacsSource, studyInstanceUID: string): Promise<{ series: PacsSeries[] }> {
    const connection = this.resolve(source);
    const series = await (await openPacsClient(connection)).findSeries(studyInstanceUID);
    this.auditQuery(source, connection, { studyInstanceUID, series: series.length });
    return { series };
  }

  private resolve(source: PacsSource): PacsConnection {
    return typeof source === 'string' ? this.nodes.connection(source) : source;
  }

  private auditQuery(source: PacsSource, connection: PacsConnection, detail: object): void {
    const entityId = typeof source === 'string' ? this.nodes.get(source).id : null;
    this.audit.record({ actor: this.actor, action: 'read', entityType: 'pacs-query', entityId, detail: JSON.stringify({ pacs: describePacs(connection), ...detail }) });
  }
}
