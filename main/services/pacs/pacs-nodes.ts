/**
 * The saved PACS nodes: connection settings in the store (table pacs_nodes), an auth header's value in the
 * SecretStore (`pacs:<id>:auth`), and the plain connection a client or a worker needs, resolved from both.
 */
import { randomUUID } from 'node:crypto';
import { PacsNodeInput, type PacsNode } from '../../contract/domain';
import { DEFAULT_CALLING_AE, type PacsConnection } from '../../../workers/pacs/connection';
import { NotFoundError } from '../patients/patient-repository';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';
import type { SecretStore } from '../sync/secret-store';

type Row = Record<string, unknown>;
type ParsedInput = ReturnType<typeof PacsNodeInput.parse>;

const secretKey = (id: string) => `pacs:${id}:auth`;

export class PacsNodes {
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
    private readonly secrets: SecretStore,
  ) {}

  list(): PacsNode[] {
    return (this.db.prepare('SELECT * FROM pacs_nodes ORDER BY name COLLATE NOCASE').all() as Row[]).map((r) => this.toNode(r));
  }

  /** A node by id or, for the CLI, by name. */
  get(idOrName: string): PacsNode {
    const row = this.db.prepare('SELECT * FROM pacs_nodes WHERE id = ? OR name = ?').get(idOrName, idOrName) as Row | undefined;
    if (!row) throw new NotFoundError(`no PACS node "${idOrName}"`);
    return this.toNode(row);
  }

  /** Adds a node (no id) or changes one; authHeaderValue undefined keeps the secret, '' removes it. */
  save(raw: PacsNodeInput | ParsedInput): PacsNode {
    const input = PacsNodeInput.parse(raw);
    const id = input.id ?? randomUUID();
    if (input.id) this.get(input.id);
    const clash = this.db.prepare('SELECT id FROM pacs_nodes WHERE name = ? AND id <> ?').get(input.name, id);
    if (clash) throw new Error(`a PACS node named "${input.name}" exists already`);
    const dicomweb = input.kind === 'dicomweb';
    const row = {
      id,
      name: input.name,
      kind: input.kind,
      url: dicomweb ? input.url : null,
      host: dicomweb ? null : input.host,
      port: dicomweb ? null : input.port,
      called_ae: dicomweb ? null : input.calledAe,
      calling_ae: dicomweb ? null : input.callingAe,
      dimse_retrieve: input.dimseRetrieve,
      local_store_port: dicomweb ? null : input.localStorePort,
      auth_header_name: dicomweb ? input.authHeaderName : null,
      updated_at: new Date().toISOString(),
    };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO pacs_nodes (id, name, kind, url, host, port, called_ae, calling_ae, dimse_retrieve, local_store_port, auth_header_name, updated_at)
           VALUES (@id, @name, @kind, @url, @host, @port, @called_ae, @calling_ae, @dimse_retrieve, @local_store_port, @auth_header_name, @updated_at)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, url = excluded.url, host = excluded.host,
             port = excluded.port, called_ae = excluded.called_ae, calling_ae = excluded.calling_ae,
             dimse_retrieve = excluded.dimse_retrieve, local_store_port = excluded.local_store_port,
             auth_header_name = excluded.auth_header_name, updated_at = excluded.updated_at`,
        )
        .run(row);
      this.audit.record({ actor: this.actor, action: input.id ? 'update' : 'create', entityType: 'pacs-node', entityId: id, detail: input.name });
    })();
    // No header (any more), or an empty value: no secret. A value given: the new secret. Otherwise keep it.
    if (!row.auth_header_name || input.authHeaderValue === '') this.secrets.delete(secretKey(id));
    else if (input.authHeaderValue !== undefined) this.secrets.set(secretKey(id), input.authHeaderValue);
    return this.get(id);
  }

  delete(id: string): boolean {
    const deleted = this.db.transaction(() => {
      const n = this.db.prepare('DELETE FROM pacs_nodes WHERE id = ?').run(id).changes;
      if (n) this.audit.record({ actor: this.actor, action: 'delete', entityType: 'pacs-node', entityId: id });
      return n > 0;
    })();
    if (deleted) this.secrets.delete(secretKey(id));
    return deleted;
  }

  /** The plain settings a client needs, with the auth secret: hand them to a worker in memory, never store them. */
  connection(idOrName: string): PacsConnection {
    const node = this.get(idOrName);
    if (node.kind === 'dicomweb') {
      const value = node.authHeaderName ? this.secrets.get(secretKey(node.id)) : undefined;
      return { kind: 'dicomweb', url: node.url!, ...(node.authHeaderName && value ? { authHeader: { name: node.authHeaderName, value } } : {}) };
    }
    return {
      kind: 'dimse',
      host: node.host!,
      port: node.port!,
      calledAe: node.calledAe!,
      callingAe: node.callingAe ?? DEFAULT_CALLING_AE,
      retrieve: node.dimseRetrieve,
      ...(node.localStorePort ? { localStorePort: node.localStorePort } : {}),
    };
  }

  private toNode(r: Row): PacsNode {
    const id = r.id as string;
    const authHeaderName = (r.auth_header_name as string | null) ?? null;
    return {
      id,
      name: r.name as string,
      kind: r.kind as PacsNode['kind'],
      url: (r.url as string | null) ?? null,
      host: (r.host as string | null) ?? null,
      port: (r.port as number | null) ?? null,
      calledAe: (r.called_ae as string | null) ?? null,
      callingAe: (r.calling_ae as string | null) ?? null,
      dimseRetrieve: r.dimse_retrieve as PacsNode['dimseRetrieve'],
      localStorePort: (r.local_store_port as number | null) ?? null,
      authHeaderName,
      hasAuthSecret: authHeaderName !== null && this.secrets.get(secretKey(id)) !== undefined,
      updatedAt: r.updated_at as string,
    };
  }
}
