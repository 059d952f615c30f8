/**
 * Upload of the outbox: transaction bundles of PUT Type/id (client-assigned ids, so a retry after a lost answer
 * rewrites the same resource instead of creating a second one), with If-Match on updates. When the server refuses a
 * bundle (412, 409, 400 …: it is all-or-nothing), its entries are sent one by one so that each refusal is pinned to
 * its resource. A 412 is a conflict unless the server already holds exactly our change (our own earlier upload whose
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
      const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: batch.map(entryFor) };
      let res: FhirResponse;
      try {
        res = await this.send(() => this.client.request('POST', '', bundle));
      } catch (err) {
        this.db.transaction(() => batch.forEach((row) => this.outbox.fail(row.id, (err as Error).message)))();
        result.errors.push((err as Error).message);
        return result; // the server is out of reach: keep the queue for the next run
      }
      if (res.status >= 200 && res.status < 300) {
        const entries = (res.body as Bundle | undefined)?.entry ?? [];
        this.db.transaction(() => {
          batch.forEach((row, i) => {
            const entry = entries[i];
            this.outbox.complete(row, {
              versionId: entry?.resource?.meta?.versionId ?? etagVersion(entry?.response?.etag),
              lastUpdated: entry?.resource?.meta?.lastUpdated ?? entry?.response?.lastModified ?? null,
            });
          });
        })();
        result.pushed += batch.length;
        continue;
      }
      this.onNote(`transaction refused (HTTP ${res.status}); sending its ${batch.length} entries one by one`);
      for (const row of batch) {
        try {
          const outcome = await this.pushOne(row);
          if (outcome === 'pushed') result.pushed++;
          else if (outcome === 'conflict') result.conflicts++;
          else {
            skipped.add(row.id);
            result.errors.push(outcome.error);
          }
        } catch (err) {
          this.outbox.fail(row.id, (err as Error).message);
          result.errors.push((err as Error).message);
          return result;
        }
      }
    }
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
