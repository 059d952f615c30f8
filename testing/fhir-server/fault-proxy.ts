/**
 * A fault-injecting HTTP proxy to put between a sync client and a FHIR server. Each request draws one fault (or
 * none) from a seeded random source, so a failing run can be replayed:
 * - `refused`: the proxy stops listening for a while: new connections get ECONNREFUSED (this one is dropped);
 * - `error500` / `error503`: answered by the proxy, nothing reaches the server;
 * - `delay`: held past the client's timeout, then forwarded all the same (the server commits after the client gave up);
 * - `resetMidResponse`: forwarded, and the connection is reset half-way through the answer;
 * - `lostAfterCommit`: forwarded, the server commits, and the answer never comes back.
 * The last three are what makes retries dangerous: the change is on the server, but the client cannot know it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32Int } from '../../workers/phantom/seeded-random';

export const FAULT_KINDS = ['refused', 'error500', 'error503', 'delay', 'resetMidResponse', 'lostAfterCommit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultProxyOptions {
  /** Base URL of the real server, e.g. http://127.0.0.1:8080/fhir */
  target: string;
  /** Probability of each fault per request (their sum at most 1). */
  probabilities: Partial<Record<FaultKind, number>>;
  seed?: number;
  /** How long `delay` holds a request (set it above the client's timeout). */
  delayMs?: number;
  /** How long `refused` keeps the port closed. */
  refusedMs?: number;
  /** Added to every forwarded request, like a slow network (default 0). */
  latencyMs?: number;
  port?: number;
}

export interface FaultProxy {
  /** The proxy's URL with the same path as the target base. */
  url: string;
  /** Requests seen and faults injected, per kind. */
  stats: { requests: number; faults: Record<FaultKind, number> };
  /** Turns fault injection on or off (e.g. off for a final clean run). */
  setEnabled(enabled: boolean): void;
  close(): Promise<void>;
}

/** Seeded, so a failing run can be replayed: the phantom's mulberry32, scaled to [0, 1). */
export function seededRandom(seed: number): () => number {
  const next = mulberry32Int(seed);
  return () => next() / 4294967296;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed ?? 1);
  const delayMs = options.delayMs ?? 3000;
  const refusedMs = options.refusedMs ?? 300;
  const latencyMs = options.latencyMs ?? 0;
  const stats: FaultProxy['stats'] = { requests: 0, faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number> };
  let enabled = true;
  let closed = false;
  let port = options.port ?? 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  function drawFault(): FaultKind | undefined {
    if (!enabled) return undefined;
    let x = random();
    for (const kind of FAULT_KINDS) {
      x -= options.probabilities[kind] ?? 0;
      if (x < 0) return kind;
    }
    return undefined;
  }

  /** Sends the request on to the server (after the network latency) and hands back its whole answer. */
  async function forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    if (latencyMs > 0) await new Promise<void>((r) => later(latencyMs, r));
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  function answer(res: http.ServerResponse, status: number, headers: http.IncomingHttpHeaders, body: Buffer): void {
    const clean = { ...headers };
    delete clean['transfer-encoding'];
    delete clean.connection;
    res.writeHead(status, { ...clean, 'content-length': String(body.length) });
    res.end(body);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.requests++;
      const body = Buffer.concat(chunks);
      const fault = drawFault();
      if (fault) stats.faults[fault]++;
      const fail = (err: Error): void => {
        if (!res.headersSent) answer(res, 502, { 'content-type': 'text/plain' }, Buffer.from(err.message));
      };
      switch (fault) {
        case 'refused':
          req.socket.destroy();
          goOffline();
          return;
        case 'error500':
        case 'error503': {
          const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'injected fault' }] };
          answer(res, fault === 'error500' ? 500 : 503, { 'content-type': 'application/fhir+json' }, Buffer.from(JSON.stringify(outcome)));
          return;
        }
        case 'delay':
          later(delayMs, () => {
            if (closed) return;
            forward(req, body).then((up) => {
              if (!res.destroyed) answer(res, up.status, up.headers, up.body);
            }, fail);
          });
          return;
        case 'resetMidResponse':
          forward(req, body).then((up) => {
            const half = up.body.subarray(0, Math.floor(up.body.length / 2));
            res.writeHead(up.status, { ...up.headers, 'content-length': String(up.body.length), connection: 'close' });
            res.write(half, () => req.socket.resetAndDestroy());
          }, fail);
          return;
        case 'lostAfterCommit':
          forward(req, body).then(() => req.socket.resetAndDestroy(), fail);
          return;
        case undefined:
          forward(req, body).then((up) => answer(res, up.status, up.headers, up.body), fail);
      }
    });
  });

  function listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  let offline = false;
  function goOffline(): void {
    if (offline || closed) return;
    offline = true;
    server.close();
    later(refusedMs, () => {
      if (closed) return;
      listen().then(
        () => (offline = false),
        () => (offline = false),
      );
    });
  }

  await listen();
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    stats,
    setEnabled(value) {
      enabled = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}
