/**
 * Upload of the outbox: transaction bundles of PUT Type/id (client-assigned ids, so a retry after a lost answer
 * rewrites the same resource instead of creating a second one), with If-Match on updates. When the server refuses a
 * bundle (412, 409, 400 …: it is all-or-nothing), it is split until each refusal is pinned to its resource. A 412 is a conflict unless the server already holds exactly our change (our own earlier upload whose
 * answer was lost), in which case it is simply done.
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { BackoffPolicy } from './backoff';
import { type FhirClient, type FhirResponse, withRetry } from './fhir-client';
import type { FhirOutbox, OutboxRow, ServerVersion } from './outbox';
import type { StoreDatabase } from '../store/open-store';

/** Medplum accepts at most 50 updates per transaction (FHIR-NOTES.md); stay well below. */
export const PUSH_BATCH_SIZE = 25;

export interface PushResult {
  pushed: number;
  conflicts: number;
  errors: string[];
}

/** JSON with sorted keys and without `meta`, to ask "is this the same content?". */
export function contentKey(resource: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.keys(v)
        .filter((k) => k !== 'meta')
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  };
  return JSON.stringify(canonical(resource));
}

function withoutServerMeta(resource: Resource): Resource {
  const meta = { ...resource.meta };
  delete meta.versionId;
  delete meta.lastUpdated;
  const copy = { ...resource };
  if (Object.keys(meta).length > 0) copy.meta = meta;
  else delete copy.meta;
  return copy;
}

function etagVersion(etag: string | null | undefined): string | null {
  if (!etag) return null;
  return /^(?:W\/)?"?([^"]*)"?$/.exec(etag)?.[1] ?? null;
}

function entryFor(row: OutboxRow): BundleEntry {
  const url = `${row.resourceType}/${row.resourceId}`;
  const ifMatch = row.operation !== 'create' && row.baseVersionId ? `W/"${row.baseVersionId}"` : undefined;
  if (row.operation === 'delete') return { request: { method: 'DELETE', url, ifMatch } };
  return { resource: withoutServerMeta(row.resource), request: { method: 'PUT', url, ifMatch } };
}

function versionFromResponse(res: FhirResponse): ServerVersion {
  const resource = res.body as Resource | undefined;
  return {
    versionId: resource?.meta?.versionId ?? etagVersion(res.headers.get('etag')),
    lastUpdated: resource?.meta?.lastUpdated ?? null,
  };
}

export class Pusher {
  constructor(
    private readonly db: StoreDatabase,
    private readonly outbox: FhirOutbox,
    private readonly client: FhirClient,
    private readonly policy: BackoffPolicy,
    private readonly onNote: (message: string) => void = () => undefined,
  ) {}

  async push(): Promise<PushResult> {
    const result: PushResult = { pushed: 0, conflicts: 0, errors: [] };
    const skipped = new Set<number>(); // refused for good in this run: not retried until the next run
    for (;;) {
      const batch = this.outbox.nextBatch(PUSH_BATCH_SIZE, skipped);
      if (batch.length === 0) return result;
      if (!(await this.pushGroup(batch, result, skipped))) return result; // out of reach: keep the queue for the next run
    }
  }

  /**
   * Pushes rows as one transaction; when the server refuses it (it is all-or-nothing), splits it in halves until
   * each refusal is pinned to one resource, so that a few conflicts do not send a whole batch one by one.
   * Returns false when the server could not be reached.
   */
  private async pushGroup(rows: OutboxRow[], result: PushResult, skipped: Set<number>, reconciled = false): Promise<boolean> {
    if (rows.length === 1) {
      const row = rows[0]!;
      try {
        const outcome = await this.pushOne(row);
        if (outcome === 'pushed') result.pushed++;
        else if (outcome === 'conflict') result.conflicts++;
        else {
          skipped.add(row.id);
          result.errors.push(outcome.error);
        }
        return true;
      } catch (err) {
        this.outbox.fail(row.id, (err as Error).message);
        result.errors.push((err as Error).message);
        return false;
      }
    }
    const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: rows.map(entryFor) };
    let res: FhirResponse;
    try {
      res = await this.send(() => this.client.request('POST', '', bundle));
    } catch (err) {
      this.db.transaction(() => rows.forEach((row) => this.outbox.fail(row.id, (err as Error).message)))();
      result.errors.push((err as Error).message);
      return false;
    }
    if (res.status >= 200 && res.status < 300) {
      const entries = (res.body as Bundle | undefined)?.entry ?? [];
      this.db.transaction(() => {
        rows.forEach((row, i) => {
          const entry = entries[i];
          this.outbox.complete(row, {
            versionId: entry?.resource?.meta?.versionId ?? etagVersion(entry?.response?.etag),
            lastUpdated: entry?.resource?.meta?.lastUpdated ?? entry?.response?.lastModified ?? null,
          });
        });
      })();
      result.pushed += rows.length;
      return true;
    }
    if (res.status === 412 && !reconciled) {
      let remaining: OutboxRow[];
      try {
        remaining = await this.reconcile(rows, result);
      } catch (err) {
        this.db.transaction(() => rows.forEach((row) => this.outbox.fail(row.id, (err as Error).message)))();
        result.errors.push((err as Error).message);
        return false;
      }
      return remaining.length === 0 || this.pushGroup(remaining, result, skipped, true);
    }
    this.onNote(`transaction of ${rows.length} refused (HTTP ${res.status}); splitting it`);
    const half = Math.ceil(rows.length / 2);
    return (await this.pushGroup(rows.slice(0, half), result, skipped)) && this.pushGroup(rows.slice(half), result, skipped);
  }

  /**
   * After a 412, asks the server for the current version of every updated or deleted resource in the batch (one
   * search per type) and sorts the rows: still based on the server's version (sent again), already holding exactly
   * our change (an earlier upload whose answer was lost, or a sync killed before it could record the answer: done),
   * or changed by someone else (a conflict). Returns the rows to send again.
   */
  private async reconcile(rows: OutboxRow[], result: PushResult): Promise<OutboxRow[]> {
    const checked = rows.filter((r) => r.operation !== 'create' && r.baseVersionId);
    const current = new Map<string, Resource>();
    for (const type of new Set(checked.map((r) => r.resourceType))) {
      const ids = checked.filter((r) => r.resourceType === type).map((r) => r.resourceId);
      const query = new URLSearchParams({ _id: ids.join(','), _count: String(ids.length) });
      const res = await this.send(() => this.client.request('GET', `${type}?${query}`));
      if (res.status !== 200) return rows; // cannot tell here: the caller splits the batch instead
      for (const e of (res.body as Bundle).entry ?? []) if (e.resource?.id) current.set(`${type}/${e.resource.id}`, e.resource);
    }
    const remaining: OutboxRow[] = [];
    this.db.transaction(() => {
      for (const row of rows) {
        if (!checked.includes(row)) {
          remaining.push(row);
          continue;
        }
        const server = current.get(`${row.resourceType}/${row.resourceId}`);
        if (server?.meta?.versionId === row.baseVersionId) remaining.push(row);
        else if (row.operation === 'delete' ? !server : server && contentKey(server) === contentKey(withoutServerMeta(row.resource))) {
          this.outbox.complete(row, { versionId: server?.meta?.versionId ?? null, lastUpdated: server?.meta?.lastUpdated ?? null });
          result.pushed++;
        } else {
          this.outbox.markConflict(row, server);
          result.conflicts++;
        }
      }
    })();
    this.onNote(`transaction refused (HTTP 412): ${rows.length - remaining.length} of ${rows.length} settled by comparing with the server`);
    return remaining;
  }

  private send(request: () => Promise<FhirResponse>): Promise<FhirResponse> {
    return withRetry(request, this.policy, (err, n) => this.onNote(`retry ${n}: ${err.message}`));
  }

  private async pushOne(row: OutboxRow): Promise<'pushed' | 'conflict' | { error: string }> {
    const entry = entryFor(row);
    const headers: Record<string, string> = entry.request?.ifMatch ? { 'If-Match': entry.request.ifMatch } : {};
    const target = `${row.resourceType}/${row.resourceId}`;
    const res = await this.send(() => this.client.request(row.operation === 'delete' ? 'DELETE' : 'PUT', target, entry.resource, headers));
    const gone = row.operation === 'delete' && (res.status === 404 || res.status === 410);
    if ((res.status >= 200 && res.status < 300) || gone) {
      this.db.transaction(() => this.outbox.complete(row, versionFromResponse(res)))();
      return 'pushed';
    }
    if (res.status === 412 || res.status === 409) {
      const current = await this.send(() => this.client.request('GET', target));
      const server = current.status === 200 ? (current.body as Resource) : undefined;
      if (server && row.operation !== 'delete' && contentKey(server) === contentKey(withoutServerMeta(row.resource))) {
        // Our own earlier upload: its answer was lost, but the server has exactly this change.
        this.db.transaction(() => this.outbox.complete(row, versionFromResponse(current)))();
        return 'pushed';
      }
      this.db.transaction(() => this.outbox.markConflict(row, server))();
      return 'conflict';
    }
    const message = `${row.operation} ${target}: HTTP ${res.status} ${JSON.stringify(res.body ?? '').slice(0, 300)}`;
    this.outbox.fail(row.id, message);
    return { error: message };
  }
}
