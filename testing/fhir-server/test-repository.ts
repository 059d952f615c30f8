/**
 * Medplum's MemoryRepository made fit for testing a sync engine (see shared/docs/FHIR-NOTES.md):
 * - every write gets a version id 1, 2, 3 … per resource and a strictly increasing `meta.lastUpdated`, so the server's
 *   clock never repeats a millisecond (a client must still cope when a real one does);
 * - the whole store can be snapshot and restored, which is how the server makes a transaction atomic.
 */
import { MemoryRepository } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';

type WithId<T> = T & { id: string };
interface RepositoryInternals {
  resources: Map<string, Map<string, Resource>>;
  history: Map<string, Map<string, Resource[]>>;
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
