/**
 * The sync as the workstation's hosts serve it: status always at hand, one server chosen in the settings, a sync run
 * on request (never two at once), and the conflicts a person must resolve.
 */
import path from 'node:path';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';
import { ConflictStore, type ConflictResolution } from './conflicts';
import { FileSecretStore, type SecretStore } from './secret-store';
import { ServerSettingsStore, type ServerSettings } from './server-settings';
import { SyncEngine, type SyncResult, type SyncStatus } from './sync-engine';

const SERVER_KEY = 'sync.server';

export class SyncService {
  private readonly engine: SyncEngine;
  private readonly conflictStore: ConflictStore;
  private readonly servers: ServerSettingsStore;
  private readonly secrets: SecretStore;
  private running: Promise<SyncResult> | null = null;

  constructor(
    private readonly db: StoreDatabase,
    audit: AuditLog,
    actor: string,
    dataDir: string,
    secrets?: SecretStore,
  ) {
    this.engine = new SyncEngine(db, audit, actor);
    this.conflictStore = new ConflictStore(db, audit, actor);
    this.servers = new ServerSettingsStore(db);
    this.secrets = secrets ?? new FileSecretStore(path.join(dataDir, 'secrets.json'), (m) => console.warn(`warning: ${m}`));
  }

  /** The chosen server, or null when none is set (the workstation then works offline only). */
  server(): ServerSettings | null {
    const row = this.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(SERVER_KEY) as { value_json: string } | undefined;
    if (!row) return null;
    const baseUrl = JSON.parse(row.value_json) as string;
    return this.servers.findByUrl(baseUrl) ?? { site: baseUrl, baseUrl, auth: { kind: 'none' } };
  }

  setServer(baseUrl: string | null): void {
    if (baseUrl === null) {
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(SERVER_KEY);
      return;
    }
    if (!this.servers.findByUrl(baseUrl)) this.servers.save({ site: baseUrl, baseUrl, auth: { kind: 'none' } });
    this.db
      .prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json')
      .run(SERVER_KEY, JSON.stringify(baseUrl));
  }

  status(): SyncStatus & { serverUrl: string | null; syncing: boolean } {
    return { ...this.engine.status(), serverUrl: this.server()?.baseUrl ?? null, syncing: this.running !== null };
  }

  /** Runs one sync with the chosen server; a second request while one runs joins it. */
  syncNow(): Promise<SyncResult> {
    const server = this.server();
    if (!server) return Promise.reject(new Error('no FHIR server is set: choose one in the sync settings'));
    this.running ??= this.probeThenSync(server).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Offline is normal on a hospital network: say so and keep the queue, without a run of retries against nothing. */
  private async probeThenSync(server: ServerSettings): Promise<SyncResult> {
    if (!(await this.engine.probe({ server, secrets: this.secrets, timeoutMs: 5000 }))) {
      const { queued, conflicts } = this.engine.status();
      return { pulled: 0, pushed: 0, conflicts, errors: [`the EHR server ${server.baseUrl} does not answer: working offline, ${queued} changes stay queued`] };
    }
    return this.engine.sync({ server, secrets: this.secrets, timeoutMs: 15_000 });
  }

  conflicts() {
    return this.conflictStore.list();
  }

  resolve(conflictId: number, resolution: ConflictResolution): void {
    this.conflictStore.resolve(conflictId, resolution);
  }
}
