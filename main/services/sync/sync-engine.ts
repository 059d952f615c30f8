/**
 * One sync with one FHIR server: push the outbox, then pull the linked patients' records. Everything it needs to
 * resume is in the store (outbox rows, watermarks, conflicts), so a sync killed at any moment simply runs again.
 * The result and the status (for the always-visible sync indicator) are kept in the settings table.
 */
import type { AuditLog } from '../audit/audit-log';
import { PatientLinks } from '../fhir/patient-links';
import type { StoreDatabase } from '../store/open-store';
import { createAuthProvider } from './auth';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { ConflictStore } from './conflicts';
import { FhirClient, TransientError } from './fhir-client';
import { FhirOutbox } from './outbox';
import { DEFAULT_PULL_TYPES, Puller } from './pull';
import { Pusher } from './push';
import type { SecretStore } from './secret-store';
import type { ServerSettings } from './server-settings';

/** The `twin sync --json` contract. */
export interface SyncResult {
  pulled: number;
  pushed: number;
  /** Conflicts open after this run (waiting for a person). */
  conflicts: number;
  errors: string[];
}

export interface SyncStatus {
  /** Whether the server answered on the last sync (null: never synced). */
  online: boolean | null;
  queued: number;
  conflicts: number;
  lastSyncAt: string | null;
  lastErrors: string[];
}

export interface SyncOptions {
  server: ServerSettings;
  secrets: SecretStore;
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  pullTypes?: readonly string[];
  fetchFn?: typeof fetch;
  onNote?: (message: string) => void;
}

const STATUS_KEY = 'sync.status';

export class SyncEngine {
  private readonly outbox: FhirOutbox;
  private readonly conflicts: ConflictStore;
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {
    this.outbox = new FhirOutbox(db, audit, actor);
    this.conflicts = new ConflictStore(db, audit, actor);
  }

  async sync(options: SyncOptions): Promise<SyncResult> {
    const note = options.onNote ?? (() => undefined);
    const policy = options.backoff ?? DEFAULT_BACKOFF;
    const auth = createAuthProvider(options.server.site, options.server.auth, options.secrets, options.fetchFn);
    const client = new FhirClient(options.server.baseUrl, auth, { timeoutMs: options.timeoutMs ?? 30_000, fetchFn: options.fetchFn });
    const push = await new Pusher(this.db, this.outbox, client, policy, note).push();
    const patients = new PatientLinks(this.db, this.audit, this.actor).linkedFhirPatientIds();
    const pull = client.online === false ? { pulled: 0, errors: [] } : await new Puller(this.db, this.audit, this.actor, this.outbox, client, policy).pull(patients, options.pullTypes ?? DEFAULT_PULL_TYPES);
    const result: SyncResult = { pulled: pull.pulled, pushed: push.pushed, conflicts: this.conflicts.openCount(), errors: [...push.errors, ...pull.errors] };
    // A run with nothing to send or fetch asks the server nothing: keep what the last probe found.
    this.saveStatus({ online: client.online ?? this.status().online, lastSyncAt: new Date().toISOString(), lastErrors: result.errors });
    return result;
  }

  /**
   * Online/offline detection between syncs: does the server answer at all (any HTTP status counts; only a network
   * failure or a timeout means offline)? The answer is kept in the status.
   */
  async probe(options: Pick<SyncOptions, 'server' | 'secrets' | 'fetchFn'> & { timeoutMs?: number }): Promise<boolean> {
    const auth = createAuthProvider(options.server.site, options.server.auth, options.secrets, options.fetchFn);
    const client = new FhirClient(options.server.baseUrl, auth, { timeoutMs: options.timeoutMs ?? 5000, fetchFn: options.fetchFn });
    let online: boolean;
    try {
      await client.request('GET', 'metadata');
      online = true;
    } catch (err) {
      online = err instanceof TransientError && err.status !== undefined; // a 5xx is an answer: the server is there
    }
    const saved = this.status();
    this.saveStatus({ online, lastSyncAt: saved.lastSyncAt, lastErrors: saved.lastErrors });
    return online;
  }

  status(): SyncStatus {
    const row = this.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(STATUS_KEY) as { value_json: string } | undefined;
    const saved = row ? (JSON.parse(row.value_json) as Pick<SyncStatus, 'online' | 'lastSyncAt' | 'lastErrors'>) : { online: null, lastSyncAt: null, lastErrors: [] };
    return { ...saved, queued: this.outbox.queuedCount(), conflicts: this.conflicts.openCount() };
  }

  private saveStatus(status: Pick<SyncStatus, 'online' | 'lastSyncAt' | 'lastErrors'>): void {
    this.db
      .prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json')
      .run(STATUS_KEY, JSON.stringify(status));
  }
}
