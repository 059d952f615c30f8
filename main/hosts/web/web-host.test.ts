/** The web host's guards and its serving of the contract, over real HTTP and WebSocket on loopback. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Workstation } from '../../services/workstation';
import { startWebHost, type WebHost } from './web-host';

const dir = mkdtempSync(path.join(os.tmpdir(), 'twin-web-'));
const staticDir = path.join(dir, 'dist');
let ws: Workstation;
let host: WebHost;

beforeAll(async () => {
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Twin</title>');
  ws = new Workstation({ dataDir: path.join(dir, 'data') });
  host = await startWebHost({ workstation: ws, staticDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await ws.close();
});

function invoke(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.url}api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers },
    body: JSON.stringify(body),
  });
}

describe('web host', () => {
  it('serves the renderer with a strict CSP and answers a missing asset with 404, not index.html', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${host.url}missing.js`)).status).toBe(404);
    expect((await fetch(`${host.url}..%2f..%2fetc%2fpasswd`)).status).toBeGreaterThanOrEqual(400);
  });

  it('answers contract requests with a valid token', async () => {
    const res = await invoke('patients.list', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, reply: [] });
  });

  it('refuses a missing or wrong token', async () => {
    expect((await invoke('patients.list', {}, { authorization: 'Bearer nope' })).status).toBe(401);
    const res = await fetch(`${host.url}api/invoke/patients.list`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('refuses a foreign Origin (another web page in the same browser)', async () => {
    expect((await invoke('patients.list', {}, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('validates requests and says what is wrong', async () => {
    const res = await invoke('patients.get', { patientKey: 42 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: false; error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.message).toMatch(/patientKey/);
    expect((await invoke('no.such.channel', {})).status).toBe(400);
    expect((await invoke('patients.get', { patientKey: 'nobody' })).status).toBe(404);
  });

  it('streams events over a WebSocket that requires the token', async () => {
    const bad = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, ['twin-token.wrong']);
    await new Promise<void>((resolve) => bad.on('error', () => resolve()));
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, [`twin-token.${host.token}`]);
    await new Promise<void>((resolve) => socket.on('open', () => resolve()));
    const got = new Promise<{ event: string; payload: { kind: string } }>((resolve) =>
      socket.on('message', (m) => resolve(JSON.parse(String(m)) as { event: string; payload: { kind: string } })),
    );
    ws.jobs.start({ kind: 'diagnostics.spin', title: 'event test', input: { seconds: 0.1 } });
    const message = await got;
    expect(message.event).toBe('jobs.changed');
    expect(message.payload.kind).toBe('diagnostics.spin');
    socket.close();
  });

  it('takes the next free loopback port when the asked one is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const taken = (blocker.address() as { port: number }).port;
    const second = await startWebHost({ workstation: ws, staticDir, port: taken });
    expect(second.port).toBeGreaterThan(taken);
    await second.close();
    blocker.close();
  });

  it('serves model estimates with their version, and refuses inputs outside the model card', async () => {
    const status = (await (await invoke('models.status', { model: 'ep-cell-surrogate' })).json()) as { reply: { available: boolean; version: string } };
    expect(status.reply.available).toBe(true);
    const ok = { gKs: 1, gKr: 1, gCaL: 1, gNaLAbsolute: 0, doseUgPerKgMin: 0, cycleLengthMs: 1000 };
    const res = await invoke('models.predict', { model: 'ep-cell-surrogate', cases: [ok] });
    const body = (await res.json()) as { reply: { estimate: boolean; version: string; outputs: { apd90Ms: number }[] } };
    expect(body.reply.estimate).toBe(true);
    expect(body.reply.version).toBe(status.reply.version);
    expect(body.reply.outputs[0]!.apd90Ms).toBeGreaterThan(250);
    expect(body.reply.outputs[0]!.apd90Ms).toBeLessThan(350);
    const refused = await invoke('models.predict', { model: 'ep-cell-surrogate', cases: [{ ...ok, doseUgPerKgMin: 2 }] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/doseUgPerKgMin/);
    const missing = (await (await invoke('models.status', { model: 'no-such-model' })).json()) as { reply: { available: boolean; reason: string } };
    expect(missing.reply).toMatchObject({ available: false });
  });
});
