/**
 * `twin sync --server URL`: push the outbox to a FHIR server and pull the linked patients' records.
 * `twin sync --server URL --save --auth …`: store that server's settings (and its secret, read from a file or the
 * TWIN_FHIR_SECRET variable, never from the command line) and make it the server the workstation syncs with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { secretKeys } from '../../../services/sync/auth';
import { DEFAULT_BACKOFF } from '../../../services/sync/backoff';
import { FileSecretStore } from '../../../services/sync/secret-store';
import { authConfigSchema, ServerSettingsStore, type ServerSettings } from '../../../services/sync/server-settings';
import { SyncEngine } from '../../../services/sync/sync-engine';
import { numberOption, requireString, stringOption, UsageError, type CliCommand, type CliValues } from '../command';

function authFromOptions(values: CliValues): ServerSettings['auth'] {
  const kind = stringOption(values, 'auth') ?? 'none';
  const parsed = authConfigSchema.safeParse({
    kind,
    username: stringOption(values, 'user'),
    clientId: stringOption(values, 'client-id'),
    tokenUrl: stringOption(values, 'token-url'),
    alg: stringOption(values, 'alg') ?? 'RS384',
    keyId: stringOption(values, 'key-id'),
    scope: stringOption(values, 'scope') ?? 'system/*.rs',
  });
  if (!parsed.success) throw new UsageError(`--auth ${kind}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'auth'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The secret the auth kind needs: a password, a bearer token or a PEM private key. */
function secretFor(values: CliValues, auth: ServerSettings['auth']): { key: (site: string) => string; value: string } | null {
  if (auth.kind === 'none') return null;
  const file = stringOption(values, 'secret-file');
  const value = file ? readFileSync(file, 'utf8').trim() : process.env.TWIN_FHIR_SECRET;
  const what = auth.kind === 'basic' ? 'password' : auth.kind === 'bearer' ? 'token' : 'private key (PEM)';
  if (!value) throw new UsageError(`--auth ${auth.kind} needs its ${what}: --secret-file FILE or the TWIN_FHIR_SECRET variable`);
  const key = auth.kind === 'basic' ? secretKeys.password : auth.kind === 'bearer' ? secretKeys.token : secretKeys.privateKey;
  return { key, value };
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'sync with a FHIR R4 server: push queued results, pull linked patients; or save its settings',
  usage: `Usage: twin sync --server URL [--timeout-ms N] [--max-attempts N] [--db FILE] [--json]
       twin sync --server URL --save [--auth none|basic|bearer|smart-backend] [--user NAME]
                 [--client-id ID --token-url URL --key-id KID [--alg RS384|ES384] [--scope S]] [--secret-file FILE]
Syncing uses the auth saved for that server (none when nothing is saved) and prints
{"pulled":n,"pushed":n,"conflicts":n,"errors":[…]}; conflicts counts those waiting for a person.
Exit 0 when the run had no errors, 1 otherwise (the queue is kept and resumes on the next run).
--save stores the server's settings and makes it the workstation's EHR server; the secret (password, bearer token or
SMART private key) comes from --secret-file or $TWIN_FHIR_SECRET and goes to the secret store, never the database.`,
  options: {
    server: { type: 'string' },
    'timeout-ms': { type: 'string' },
    'max-attempts': { type: 'string' },
    save: { type: 'boolean' },
    auth: { type: 'string' },
    user: { type: 'string' },
    'client-id': { type: 'string' },
    'token-url': { type: 'string' },
    'key-id': { type: 'string' },
    alg: { type: 'string' },
    scope: { type: 'string' },
    'secret-file': { type: 'string' },
  },
  async run(ctx) {
    const url = requireString(ctx.values, 'server');
    const ws = await ctx.workstation();
    const secrets = new FileSecretStore(path.join(ws.locations.dataDir, 'secrets.json'), (m) => ctx.note(`warning: ${m}`));
    const settings = new ServerSettingsStore(ws.db);
    if (ctx.values.save) {
      const auth = authFromOptions(ctx.values);
      const secret = secretFor(ctx.values, auth);
      const saved = settings.save({ site: url, baseUrl: url, auth });
      if (secret) secrets.set(secret.key(saved.site), secret.value);
      ws.sync.setServer(url);
      ctx.print({ saved: { site: saved.site, baseUrl: saved.baseUrl, auth: saved.auth.kind } }, (d) => `saved ${d.saved.baseUrl} (auth ${d.saved.auth}); the workstation now syncs with it`);
      return 0;
    }
    const server = settings.findByUrl(url) ?? { site: url, baseUrl: url, auth: { kind: 'none' as const } };
    const result = await new SyncEngine(ws.db, ws.audit, ws.actor).sync({
      server,
      secrets,
      timeoutMs: numberOption(ctx.values, 'timeout-ms') ?? 30_000,
      backoff: { ...DEFAULT_BACKOFF, maxAttempts: numberOption(ctx.values, 'max-attempts') ?? DEFAULT_BACKOFF.maxAttempts },
      onNote: (m) => ctx.note(m),
    });
    ctx.print(result, (d) =>
      [`pushed ${d.pushed}, pulled ${d.pulled}, ${d.conflicts} conflicts waiting`, ...d.errors.map((e) => `error: ${e}`)].join('\n'),
    );
    return result.errors.length === 0 ? 0 : 1;
  },
};
