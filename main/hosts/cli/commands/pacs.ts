/**
 * `twin pacs`: echo, find, list series and retrieve against a PACS, either a saved node (--node NAME) or one given
 * ad hoc (--url for DICOMweb; --host, --port, --aet for DIMSE); and `twin pacs nodes list|add|delete`.
 * An auth header's value is read from $TWIN_PACS_AUTH, never from the command line (shell history, ps).
 */
import type { z } from 'zod';
import type { PacsNode, PacsStudy } from '../../../contract/domain';
import { DicomUid, PacsNodeInput, PacsQuery } from '../../../contract/domain';
import type { ImportSummary } from '../../../services/imports/index-scan';
import type { PacsSource } from '../../../services/pacs/pacs-service';
import type { Workstation } from '../../../services/workstation';
import type { RetrievalReport } from '../../../../workers/pacs/retrieve-study';
import { DEFAULT_CALLING_AE, describePacs, type PacsConnection } from '../../../../workers/pacs/connection';
import { numberOption, stringOption, UsageError, type CliCommand, type CliContext, type CliValues } from '../command';

const AUTH_ENV = 'TWIN_PACS_AUTH';

/** Validates flags with the contract's schema; `what` names a lone value (e.g. "--study") in the message. */
function parseOrUsage<T>(schema: z.ZodType<T>, value: unknown, what = 'value'): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The node settings the flags describe (for `nodes add` and for ad hoc use). */
function nodeInput(values: CliValues, name: string): z.output<typeof PacsNodeInput> {
  const url = stringOption(values, 'url');
  const host = stringOption(values, 'host');
  if (!url && !host) throw new UsageError('give --node NAME, --url URL (DICOMweb), or --host H --port P --aet AE (DIMSE)');
  if (url && host) throw new UsageError('give either --url (DICOMweb) or --host (DIMSE), not both');
  const authHeaderName = stringOption(values, 'auth-header');
  const authHeaderValue = authHeaderName ? process.env[AUTH_ENV] : undefined;
  if (authHeaderName && !authHeaderValue) throw new UsageError(`--auth-header ${authHeaderName} needs its value in $${AUTH_ENV}`);
  return parseOrUsage(PacsNodeInput, {
    name,
    kind: url ? 'dicomweb' : 'dimse',
    url: url ?? null,
    host: host ?? null,
    port: numberOption(values, 'port') ?? null,
    calledAe: stringOption(values, 'aet') ?? null,
    callingAe: stringOption(values, 'calling-aet') ?? null,
    dimseRetrieve: stringOption(values, 'method') ?? 'c-get',
    localStorePort: numberOption(values, 'store-port') ?? null,
    authHeaderName: authHeaderName ?? null,
    ...(authHeaderValue ? { authHeaderValue } : {}),
  });
}

function adHocConnection(values: CliValues): PacsConnection {
  const n = nodeInput(values, 'ad hoc');
  if (n.kind === 'dicomweb') return { kind: 'dicomweb', url: n.url!, ...(n.authHeaderName && n.authHeaderValue ? { authHeader: { name: n.authHeaderName, value: n.authHeaderValue } } : {}) };
  return {
    kind: 'dimse',
    host: n.host!,
    port: n.port!,
    calledAe: n.calledAe!,
    callingAe: n.callingAe ?? DEFAULT_CALLING_AE,
    retrieve: n.dimseRetrieve,
    ...(n.localStorePort ? { localStorePort: n.localStorePort } : {}),
  };
}

/** A saved node (by name or id) or the ad hoc connection, and a name for messages. */
function source(ws: Workstation, values: CliValues): { source: PacsSource; name: string; nodeId: string | null } {
  const node = stringOption(values, 'node');
  if (node) {
    const saved = ws.pacs.nodes.get(node);
    return { source: saved.id, name: saved.name, nodeId: saved.id };
  }
  const connection = adHocConnection(values);
  return { source: connection, name: describePacs(connection), nodeId: null };
}

function studyQuery(values: CliValues) {
  const q = {
    patientName: stringOption(values, 'patient-name'),
    patientId: stringOption(values, 'patient-id'),
    studyDate: stringOption(values, 'date'),
    modality: stringOption(values, 'modality'),
    accession: stringOption(values, 'accession'),
    studyInstanceUID: stringOption(values, 'study'),
  };
  return parseOrUsage(PacsQuery, Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)));
}

function formatStudies(studies: PacsStudy[]): string {
  const lines = studies.map(
    (s) => `${s.studyDate || '--------'}  ${s.patientId.padEnd(12)} ${s.patientName.padEnd(20)} ${s.modalities.join('/').padEnd(8)} ${String(s.instances ?? '?').padStart(5)} images  ${s.studyDescription}\n          ${s.studyInstanceUID}`,
  );
  return [...lines, `${studies.length} stud${studies.length === 1 ? 'y' : 'ies'}`].join('\n');
}

function formatNode(n: PacsNode): string {
  const where = n.kind === 'dicomweb' ? n.url : `${n.calledAe}@${n.host}:${n.port} as ${n.callingAe ?? DEFAULT_CALLING_AE}, ${n.dimseRetrieve}`;
  return `${n.name.padEnd(20)} ${n.kind.padEnd(9)} ${where}${n.authHeaderName ? `  (${n.authHeaderName}${n.hasAuthSecret ? ' set' : ' missing'})` : ''}`;
}

async function nodes(ctx: CliContext, ws: Workstation, action: string | undefined, rest: string[]): Promise<number> {
  switch (action) {
    case 'list': {
      const list = ws.pacs.nodes.list();
      ctx.print(list, (l) => (l.length ? l.map(formatNode).join('\n') : 'no PACS nodes saved'));
      return 0;
    }
    case 'add': {
      const name = stringOption(ctx.values, 'name');
      if (!name) throw new UsageError('--name is required');
      const saved = ws.pacs.nodes.save(nodeInput(ctx.values, name));
      ctx.print(saved, formatNode);
      return 0;
    }
    case 'delete': {
      if (rest.length !== 1) throw new UsageError('give the name of the node to delete');
      const deleted = ws.pacs.nodes.delete(ws.pacs.nodes.get(rest[0]!).id);
      ctx.print({ deleted }, () => `deleted ${rest[0]}`);
      return 0;
    }
    default:
      throw new UsageError('twin pacs nodes list|add|delete');
  }
}

async function retrieve(ctx: CliContext, ws: Workstation): Promise<number> {
  const study = stringOption(ctx.values, 'study');
  if (!study) throw new UsageError('--study UID is required');
  const series = stringOption(ctx.values, 'series');
  parseOrUsage(DicomUid, study, '--study');
  if (series) parseOrUsage(DicomUid, series, '--series');
  const from = source(ws, ctx.values);
  const target = { studyInstanceUID: study, ...(series ? { seriesInstanceUID: series } : {}) };
  const started = from.nodeId
    ? ws.retrieveFromPacs({ nodeId: from.nodeId, ...target })
    : ws.retrievePacsStudy(from.source as PacsConnection, { name: from.name, nodeId: null }, target);
  const stop = ws.jobs.onChange((job) => {
    if (job.id === started.id && job.state === 'running' && !ctx.json) ctx.note(`${Math.round(job.progress * 100)} % ${job.message}`);
  });
  const job = await ws.jobs.waitFor(started.id);
  stop();
  if (job.state !== 'succeeded') throw new Error(job.error ?? `retrieval ${job.state}; run it again to fetch what is missing`);
  const result = job.result as ImportSummary & { retrieval: RetrievalReport };
  const out = { retrieval: result.retrieval, series: result.series.map(({ seriesKey: _key, ...rest }) => rest), errors: result.errors };
  ctx.print(out, (d) =>
    [
      `retrieved ${d.retrieval.fetched} of ${d.retrieval.total} instances${d.retrieval.alreadyPresent ? ` (${d.retrieval.alreadyPresent} were already here from an earlier attempt)` : ''}`,
      ...d.series.map((s) => `${s.modality.padEnd(6)} ${String(s.instances).padStart(5)} images  ${s.description}  ${s.seriesInstanceUID}`),
      ...d.errors.map((e) => `error: ${e.file}: ${e.reason}`),
    ].join('\n'),
  );
  return 0;
}

export const pacsCommand: CliCommand = {
  name: 'pacs',
  summary: 'query and retrieve from a PACS (DICOMweb or DIMSE); save PACS nodes',
  usage: `Usage: twin pacs echo|find|series|retrieve PACS [options] [--db FILE] [--json]
       twin pacs nodes list | nodes add --name NAME PACS [--auth-header NAME] | nodes delete NAME
PACS is a saved node (--node NAME) or given ad hoc:
  DICOMweb  --url URL (the DICOMweb root, e.g. http://pacs:8042/dicom-web) [--auth-header NAME, value in $${AUTH_ENV}]
  DIMSE     --host H --port P --aet CALLED_AE [--calling-aet AE (default ${DEFAULT_CALLING_AE})]
            [--method c-get|c-move] [--store-port P (C-MOVE: our Store SCP's port, known to the PACS)]
echo      prints {"ok","message","ms"}; exit 0 when the PACS answered, 1 otherwise.
find      [--patient-id ID] [--patient-name NAME] [--date YYYYMMDD[-YYYYMMDD]] [--modality M] [--accession A]
          [--study UID]; prints {"studies":[{"studyInstanceUID","patientName","patientId","studyDate",
          "studyDescription","modalities","series","instances"}]}.
series    --study UID; prints {"series":[{"seriesInstanceUID","modality","seriesNumber","seriesDescription","instances"}]}.
retrieve  --study UID [--series UID]: into the store like an import; an interrupted retrieval resumes when run again.
          Prints {"retrieval":{"total","alreadyPresent","fetched"},"series":[…],"errors":[…]}.`,
  options: {
    node: { type: 'string' },
    url: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    aet: { type: 'string' },
    'calling-aet': { type: 'string' },
    method: { type: 'string' },
    'store-port': { type: 'string' },
    'auth-header': { type: 'string' },
    name: { type: 'string' },
    'patient-id': { type: 'string' },
    'patient-name': { type: 'string' },
    date: { type: 'string' },
    modality: { type: 'string' },
    accession: { type: 'string' },
    study: { type: 'string' },
    series: { type: 'string' },
  },
  async run(ctx) {
    const [action, ...rest] = ctx.positionals;
    if (!action || !['echo', 'find', 'series', 'retrieve', 'nodes'].includes(action)) throw new UsageError('give echo, find, series, retrieve or nodes');
    if (action !== 'nodes' && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const ws = await ctx.workstation();
    switch (action) {
      case 'nodes':
        return nodes(ctx, ws, rest[0], rest.slice(1));
      case 'echo': {
        const reply = await ws.pacs.echo(source(ws, ctx.values).source);
        ctx.print(reply, (r) => r.message);
        return reply.ok ? 0 : 1;
      }
      case 'find': {
        const query = studyQuery(ctx.values);
        ctx.print(await ws.pacs.find(source(ws, ctx.values).source, query), (r) => formatStudies(r.studies));
        return 0;
      }
      case 'series': {
        const study = parseOrUsage(DicomUid, stringOption(ctx.values, 'study'), '--study');
        const reply = await ws.pacs.series(source(ws, ctx.values).source, study);
        ctx.print(reply, (r) => r.series.map((s) => `${String(s.seriesNumber ?? '').padStart(4)} ${s.modality.padEnd(6)} ${String(s.instances ?? '?').padStart(5)} images  ${s.seriesDescription}  ${s.seriesInstanceUID}`).join('\n'));
        return 0;
      }
      default:
        return retrieve(ctx, ws);
    }
  },
};
