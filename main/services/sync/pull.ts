/**
 * Download: for each linked patient and resource type, search `_lastUpdated=ge<last server time>` sorted by
 * `_lastUpdated`, following `next` links. The watermark is the greatest `meta.lastUpdated` the SERVER gave (never the
 * local clock, which may be off). `ge`, not `gt`: a server may stamp two resources with the same millisecond and
 * commit the second after we read the first; asking again for that millisecond and skipping versions we already hold
 * loses nothing. Each page is stored with its watermark in one transaction, so a killed sync resumes where it stopped.
 * A resource with a local change still queued is not overwritten: the push will meet the server's version as a 412.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { AuditLog } from '../audit/audit-log';
import { FhirResourceStore } from '../fhir/resource-store';
import type { StoreDatabase } from '../store/open-store';
import type { BackoffPolicy } from './backoff';
import { type FhirClient, withRetry } from './fhir-client';
import type { FhirOutbox } from './outbox';

/** What the twin reads from the EHR (issue 7): the patient's record that the timeline and the engines use. */
export const DEFAULT_PULL_TYPES = [
  'Patient',
  'Encounter',
  'Condition',
  'Observation',
  'MedicationRequest',
  'MedicationStatement',
  'Procedure',
  'DiagnosticReport',
  'AllergyIntolerance',
  'Immunization',
  'Device',
] as const;

const PAGE_SIZE = 100;

export interface PullResult {
  pulled: number;
  errors: string[];
}

export class Puller {
  private readonly store: FhirResourceStore;
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
    private readonly outbox: FhirOutbox,
    private readonly client: FhirClient,
    private readonly policy: BackoffPolicy,
  ) {
    this.store = new FhirResourceStore(db);
  }

  async pull(fhirPatientIds: readonly string[], resourceTypes: readonly string[] = DEFAULT_PULL_TYPES): Promise<PullResult> {
    const result: PullResult = { pulled: 0, errors: [] };
    for (const patientId of fhirPatientIds) {
      for (const type of resourceTypes) {
        try {
          result.pulled += await this.pullType(patientId, type);
        } catch (err) {
          result.errors.push(`pull ${type} of Patient/${patientId}: ${(err as Error).message}`);
          if (this.client.online === false) return result; // out of reach: the rest would fail the same way
        }
      }
    }
    return result;
  }

  private watermark(type: string, scope: string): string | undefined {
    const row = this.db
      .prepare('SELECT last_server_time FROM fhir_sync_state WHERE server_url = ? AND resource_type = ? AND scope = ?')
      .get(this.client.baseUrl, type, scope) as { last_server_time: string } | undefined;
    return row?.last_server_time;
  }

  private async pullType(patientId: string, type: string): Promise<number> {
    const scope = `Patient/${patientId}`;
    const since = this.watermark(type, scope);
    const query = new URLSearchParams(type === 'Patient' ? { _id: patientId } : { patient: scope });
    query.set('_sort', '_lastUpdated');
    query.set('_count', String(PAGE_SIZE));
    if (since) query.set('_lastUpdated', `ge${since}`);
    let next: string | undefined = `${type}?${query}`;
    let pulled = 0;
    while (next) {
      const target: string = next;
      const res = await withRetry(() => this.client.request('GET', target), this.policy);
      if (res.status !== 200) throw new Error(`HTTP ${res.status} ${JSON.stringify(res.body ?? '').slice(0, 300)}`);
      const bundle = res.body as Bundle;
      const resources = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource & { id: string } => !!r?.id && r.resourceType === type);
      pulled += this.storePage(type, scope, resources);
      next = bundle.link?.find((l) => l.relation === 'next')?.url;
    }
    return pulled;
  }

  /** Stores one page and moves the watermark, atomically; returns how many resources were new or changed. */
  private storePage(type: string, scope: string, resources: (Resource & { id: string })[]): number {
    return this.db.transaction(() => {
      let changed = 0;
      let newest = this.watermark(type, scope);
      for (const resource of resources) {
        const lastUpdated = resource.meta?.lastUpdated;
        if (lastUpdated && (!newest || Date.parse(lastUpdated) > Date.parse(newest))) newest = lastUpdated;
        const local = this.store.get(type, resource.id);
        if (local && local.versionId === (resource.meta?.versionId ?? null)) continue; // already held
        if (this.outbox.find(type, resource.id)) continue; // a local change is waiting: the push decides
        this.store.put(resource, 'server');
        changed++;
      }
      if (newest) {
        this.db
          .prepare(
            `INSERT INTO fhir_sync_state (server_url, resource_type, scope, last_server_time) VALUES (?, ?, ?, ?)
             ON CONFLICT (server_url, resource_type, scope) DO UPDATE SET last_server_time = excluded.last_server_time`,
          )
          .run(this.client.baseUrl, type, scope, newest);
      }
      if (changed > 0) {
        this.audit.record({
          actor: this.actor,
          action: 'sync',
          entityType: type,
          entityId: scope,
          patientKey: this.outbox.patientKeyOf({ resourceType: 'Patient', id: scope.slice('Patient/'.length) }),
          detail: `${changed} pulled from ${this.client.baseUrl}`,
        });
      }
      return changed;
    })();
  }
}
