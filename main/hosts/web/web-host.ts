/**
 * The loopback web host: serves the built renderer and the IPC contract over HTTP (requests) and WebSocket (events).
 * Used headless, for e2e in Chromium, and whenever the Electron binary is absent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createWriteStream, existsSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireError } from '../../contract/bridge';
import { createByteReader, createDispatch, type BytesResult } from '../../services/handlers';
import type { Workstation } from '../../services/workstation';
import { serveStatic } from './static-files';
import { bearerToken, contentSecurityPolicy, newToken, originAllowed, tokensEqual, WS_TOKEN_PREFIX } from './security';

export interface WebHostOptions {
  workstation: Workstation;
  /** Folder of the built renderer (renderer/dist). */
  staticDir: string;
  /** First port to try; the next free loopback port is taken when it is in use. 0 picks any free port. */
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  /** The URL with the session token in its fragment: what a person opens. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const PORT_ATTEMPTS = 50;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

const HTTP_STATUS: Record<WireError['code'], number> = { 'invalid-request': 400, unauthorised: 401, 'not-found': 404, failed: 500 };

function sendBytes(res: ServerResponse, result: BytesResult): void {
  if (result.ok) res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }).end(result.bytes);
  else sendJson(res, HTTP_STATUS[result.error.code], result);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { workstation } = options;
  const token = options.token ?? newToken();
  const dispatch = createDispatch(workstation);
  const readBytes = createByteReader(workstation);
  let port = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: Error) => sendJson(res, 500, { ok: false, error: { code: 'failed', message: err.message } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!originAllowed(req, port)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden: wrong Host or Origin');
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      const given = bearerToken(req);
      if (!given || !tokensEqual(given, token)) {
        sendJson(res, 401, { ok: false, error: { code: 'unauthorised', message: 'missing or wrong session token' } });
        return;
      }
      const match = /^\/api\/invoke\/([A-Za-z.]+)$/.exec(url);
      if (req.method === 'POST' && match) {
        let request: unknown;
        try {
          const body = await readBody(req);
          request = body ? (JSON.parse(body) as unknown) : {};
        } catch (err) {
          sendJson(res, 400, { ok: false, error: { code: 'invalid-request', message: `bad JSON body: ${(err as Error).message}` } });
          return;
        }
        const result = await dispatch(match[1]!, request);
        sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
        return;
      }
      const instance = /^\/api\/instances\/([^/?]+)$/.exec(url);
      if (req.method === 'GET' && instance) {
        sendBytes(res, await readBytes({ type: 'instance', sopInstanceUid: decodeURIComponent(instance[1]!) }));
        return;
      }
      const derived = /^\/api\/derived\/([^/?]+)\/([^/?]+)$/.exec(url);
      if (req.method === 'GET' && derived) {
        sendBytes(res, await readBytes({ type: 'derived', id: decodeURIComponent(derived[1]!), name: decodeURIComponent(derived[2]!) }));
        return;
      }
      const thumbnail = /^\/api\/thumbnails\/([^/?]+)$/.exec(url);
      if (req.method === 'GET' && thumbnail) {
        sendBytes(res, await readBytes({ type: 'thumbnail', seriesKey: decodeURIComponent(thumbnail[1]!) }));
        return;
      }
      const upload = /^\/api\/uploads\/([^/?]+)\/(\d+)$/.exec(url);
      if (req.method === 'PUT' && upload) {
        let target: string;
        try {
          const name = decodeURIComponent(String(req.headers['x-file-name'] ?? `file ${upload[2]}`));
          target = workstation.uploads.target(upload[1]!, Number(upload[2]), name);
        } catch (err) {
          sendJson(res, 400, { ok: false, error: { code: 'invalid-request', message: (err as Error).message } });
          return;
        }
        await pipeline(req, createWriteStream(target));
        sendJson(res, 200, { ok: true });
        return;
      }
      sendJson(res, 404, { ok: false, error: { code: 'not-found', message: `no API route ${req.method} ${url}` } });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (!existsSync(path.join(options.staticDir, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('The renderer is not built yet: run `npm run build:renderer`.');
      return;
    }
    serveStatic(options.staticDir, url, res, {
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  }

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const offered = protocols.find((p) => p.startsWith(WS_TOKEN_PREFIX))?.slice(WS_TOKEN_PREFIX.length);
    if (req.url !== '/api/events' || !originAllowed(req, port) || !offered || !tokensEqual(offered, token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = workstation.onEvent((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(message);
  });

  const first = options.port ?? 5170;
  for (let attempt = 0; ; attempt++) {
    const tryPort = first === 0 ? 0 : first + attempt;
    try {
      port = await listen(server, tryPort);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || first === 0 || attempt >= PORT_ATTEMPTS) throw err;
    }
  }

  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
