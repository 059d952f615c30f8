/**
 * FHIR servers the workstation syncs with, one per site: base URL and the public part of the auth configuration.
 * Secrets are kept apart, in a SecretStore.
 */
import { z } from 'zod';
import type { StoreDatabase } from '../store/open-store';
import type { AuthConfig } from './auth';

export const authConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('basic'), username: z.string().min(1) }),
  z.object({ kind: z.literal('bearer') }),
  z.object({
    kind: z.literal('smart-backend'),
    clientId: z.string().min(1),
    tokenUrl: z.url(),
    alg: z.enum(['RS384', 'ES384']),
    keyId: z.string().min(1),
    scope: z.string().min(1),
  }),
]);

export const serverSettingsSchema = z.object({
  site: z.string().min(1),
  baseUrl: z.url(),
  auth: authConfigSchema,
});

export interface ServerSettings {
  site: string;
  baseUrl: string;
  auth: AuthConfig;
}

type Row = Record<string, unknown>;

function toSettings(r: Row): ServerSettings {
  return { site: r.site as string, baseUrl: r.base_url as string, auth: authConfigSchema.parse(JSON.parse(r.auth_json as string)) };
}

export class ServerSettingsStore {
  constructor(private readonly db: StoreDatabase) {}

  save(settings: ServerSettings): ServerSettings {
    const valid = serverSettingsSchema.parse(settings);
    this.db
      .prepare(
        `INSERT INTO fhir_servers (site, base_url, auth_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (site) DO UPDATE SET base_url = excluded.base_url, auth_json = excluded.auth_json, updated_at = excluded.updated_at`,
      )
      .run(valid.site, valid.baseUrl.replace(/\/+$/, ''), JSON.stringify(valid.auth), new Date().toISOString());
    return valid;
  }

  get(site: string): ServerSettings | undefined {
    const row = this.db.prepare('SELECT * FROM fhir_servers WHERE site = ?').get(site) as Row | undefined;
    return row ? toSettings(row) : undefined;
  }

  /** The settings saved for a base URL, if any (the CLI names servers by URL). */
  findByUrl(baseUrl: string): ServerSettings | undefined {
    const row = this.db.prepare('SELECT * FROM fhir_servers WHERE base_url = ?').get(baseUrl.replace(/\/+$/, '')) as Row | undefined;
    return row ? toSettings(row) : undefined;
  }

  list(): ServerSettings[] {
    return (this.db.prepare('SELECT * FROM fhir_servers ORDER BY site').all() as Row[]).map(toSettings);
  }

  remove(site: string): void {
    this.db.prepare('DELETE FROM fhir_servers WHERE site = ?').run(site);
  }
}
