/** `twin sync --server URL`: push the outbox to a FHIR server and pull the linked patients' records. */
import path from 'node:path';
import { FileSecretStore } from '../../../services/sync/secret-store';
import { ServerSettingsStore } from '../../../services/sync/server-settings';
import { SyncEngine } from '../../../services/sync/sync-engine';
import { DEFAULT_BACKOFF } from '../../../services/sync/backoff';
import { numberOption, requireString, type CliCommand } from '../command';

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'sync with a FHIR R4 server: push queued results, pull linked patients',
  usage: `Usage: twin sync --server URL [--timeout-ms N] [--max-attempts N] [--db FILE] [--json]

Uses the auth saved for that server (secrets from secrets.json in the data folder); none when nothing is saved.
Prints {"pulled":n,"pushed":n,"conflicts":n,"errors":[…]}; conflicts counts those waiting for a person.
Exit 0 when the run had no errors, 1 otherwise (the queue is kept and resumes on the next run).`,
  options: { server: { type: 'string' }, 'timeout-ms': { type: 'string' }, 'max-attempts': { type: 'string' } },
  async run(ctx) {
    const url = requireString(ctx.values, 'server');
    const ws = await ctx.workstation();
    const server = new ServerSettingsStore(ws.db).findByUrl(url) ?? { site: url, baseUrl: url, auth: { kind: 'none' as const } };
    const secrets = new FileSecretStore(path.join(ws.locations.dataDir, 'secrets.json'), (m) => ctx.note(`warning: ${m}`));
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
