/**
 * Medplum's MemoryRepository made fit for testing a sync engine (see shared/docs/FHIR-NOTES.md):
 * - every write gets a version id 1, 2, 3 … per resource and a strictly increasing `meta.lastUpdated`, so the server's
 *   clock never repeats a millisecond (a client must still cope when a real one does);
 * - the whole store can be snapshot and restored, which is how the server makes a transaction atomic;
 * - the sync's download query (`patient=Patient/x`, sorted by `_lastUpdated`) is answered from the stored fields:
 *   Medplum evaluates `patient` through FHIRPath `resolve()` (≈3 ms per resource, measured) and sorts by evaluating
 *   FHIRPath in every comparison, which made paging through 1000 resources take half a minute.
 */
import { Operator, type SearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';

type WithId<T> = T & { id: string };
interface RepositoryInternals {
  resources: Map<string, Map<string, Resource>>;
  history: Map<string, Map<string, Resource[]>>;
}

/** What R4's `patient` search parameter means for the types a sync reads: the subject or patient reference. */
function refersToPatient(resource: Resource | undefined, reference: string): boolean {
  const r = resource as { subject?: { reference?: string }; patient?: { reference?: string } } | undefined;
  return r?.subject?.reference === reference || r?.patient?.reference === reference;
}

export interface RepositorySnapshot {
  readonly resources: Map<string, Map<string, Resource>>;
  readonly history: Map<string, Map<string, Resource[]>>;
}

export class TestRepository extends MemoryRepository {
  private lastTimeMs = 0;

  private get internals(): RepositoryInternals {
    return this as unknown as RepositoryInternals;
  }

  /** The server, not the client, names versions and times: a POSTed meta is replaced. */
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const nowMs = Math.max(Date.now(), this.lastTimeMs + 1);
    this.lastTimeMs = nowMs;
    const previous = resource.id ? (this.internals.history.get(resource.resourceType)?.get(resource.id)?.length ?? 0) : 0;
    const stamped = { ...resource, meta: { ...resource.meta, versionId: String(previous + 1), lastUpdated: new Date(nowMs).toISOString() } };
    return super.createResource(stamped);
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const rule = request.sortRules?.length === 1 ? request.sortRules[0] : undefined;
    const byTime = rule?.code === '_lastUpdated';
    const patient = request.filters?.find((f) => f.code === 'patient' && f.operator === Operator.EQUALS && /^Patient\/[^,]+$/.test(f.value));
    if (!byTime && !patient) return super.search(request);
    const all = await super.search({
      ...request,
      filters: request.filters?.filter((f) => f !== patient),
      sortRules: byTime ? undefined : request.sortRules,
      offset: undefined,
      count: undefined,
    });
    let entries = all.entry ?? [];
    if (patient) entries = entries.filter((e) => refersToPatient(e.resource, patient.value));
    if (byTime) {
      const time = (e: { resource?: Resource }): string => e.resource?.meta?.lastUpdated ?? '';
      entries.sort((a, b) => (rule?.descending ? time(b).localeCompare(time(a)) : time(a).localeCompare(time(b))));
    }
    const offset = request.offset ?? 0;
    const page = entries.slice(offset, request.count === undefined ? undefined : offset + request.count);
    return { ...all, total: entries.length, entry: page.length ? page : undefined };
  }

  exists(resourceType: string, id: string): boolean {
    return this.internals.resources.get(resourceType)?.has(id) ?? false;
  }

  snapshot(): RepositorySnapshot {
    return structuredClone({ resources: this.internals.resources, history: this.internals.history });
  }

  restore(snapshot: RepositorySnapshot): void {
    const { resources, history } = this.internals;
    resources.clear();
    history.clear();
    for (const [k, v] of structuredClone(snapshot.resources)) resources.set(k, v);
    for (const [k, v] of structuredClone(snapshot.history)) history.set(k, v);
  }

  /** All current resources of a type (for test assertions, without paging). */
  all(resourceType: string): Resource[] {
    return [...(this.internals.resources.get(resourceType)?.values() ?? [])].map((r) => structuredClone(r));
  }
}
