/**
 * The contract served: validates every request with its channel's schema, then calls the service. Hosts (Electron
 * ipcMain, the web host, tests) call `dispatch` and nothing else.
 */
import { z } from 'zod';
import { channels, isChannel, type Channel, type ParsedRequestOf, type ReplyOf } from '../contract/channels';
import type { WireError } from '../contract/bridge';
import { NotFoundError } from './patients/patient-repository';
import { APP_VERSION, type Workstation } from './workstation';

type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => ReplyOf<C> | Promise<ReplyOf<C>> };

function createHandlers(ws: Workstation): Handlers {
  return {
    'app.info': () => ({
      name: 'Twin Workstation',
      version: APP_VERSION,
      host: ws.host,
      storeFile: ws.locations.storeFile,
      actor: ws.actor,
    }),
    'patients.list': () => ws.patients.list(),
    'patients.get': ({ patientKey }) => ws.patients.get(patientKey),
    'jobs.list': () => ws.jobs.list(),
    'jobs.start': (request) => ws.startJob(request),
    'jobs.cancel': ({ jobId }) => {
      const job = ws.jobs.cancel(jobId);
      if (!job) throw new NotFoundError(`no job "${jobId}"`);
      return job;
    },
    'audit.recent': ({ limit, patientKey }) => ws.audit.recent(limit, patientKey),
  };
}

export type DispatchResult = { ok: true; reply: unknown } | { ok: false; error: WireError };

export type Dispatch = (channel: string, request: unknown) => Promise<DispatchResult>;

export function createDispatch(ws: Workstation): Dispatch {
  const handlers = createHandlers(ws);
  return async (channel, request) => {
    if (!isChannel(channel)) return { ok: false, error: { code: 'invalid-request', message: `unknown channel "${channel}"` } };
    const parsed = channels[channel].request.safeParse(request ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid-request', message: `invalid request for ${channel}: ${z.prettifyError(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[channel] as (r: unknown) => unknown;
      return { ok: true, reply: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof NotFoundError) return { ok: false, error: { code: 'not-found', message: err.message } };
      return { ok: false, error: { code: 'failed', message: (err as Error).message } };
    }
  };
}
