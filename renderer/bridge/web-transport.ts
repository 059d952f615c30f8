/**
 * The browser transport to the loopback web host: POST /api/invoke/<channel> with the session token, and one
 * WebSocket for events that reconnects when the host restarts.
 */
import type { PreloadApi } from '../../main/contract/bridge';

const TOKEN_KEY = 'twin.sessionToken';

/** The token arrives in the URL fragment (never sent to a server); keep it for reloads and clean the address bar. */
function sessionToken(): string {
  const match = /token=([0-9a-f]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createWebTransport(): PreloadApi {
  const token = sessionToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function connect(delayMs = 500): void {
    const socket = new WebSocket(`ws://${window.location.host}/api/events`, [`twin-token.${token}`]);
    socket.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      for (const l of listeners.get(event) ?? []) l(payload);
    };
    socket.onclose = () => setTimeout(() => connect(Math.min(delayMs * 2, 10_000)), delayMs);
  }
  connect();

  return {
    async invoke(channel, request) {
      const response = await fetch(`/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? {}),
      });
      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.includes('application/json')) {
        return { ok: false, error: { code: 'failed', message: `the workstation answered ${response.status} ${response.statusText}` } };
      }
      return (await response.json()) as Awaited<ReturnType<PreloadApi['invoke']>>;
    },
    async readBytes(ref) {
      const url =
        ref.type === 'instance'
          ? `/api/instances/${encodeURIComponent(ref.sopInstanceUid)}`
          : ref.type === 'derived'
            ? `/api/derived/${encodeURIComponent(ref.id)}/${encodeURIComponent(ref.name)}`
            : `/api/thumbnails/${encodeURIComponent(ref.seriesKey)}`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const contentType = response.headers.get('content-type') ?? '';
      if (response.ok && contentType === 'application/octet-stream') return { ok: true, bytes: await response.arrayBuffer() };
      if (contentType.includes('application/json')) return (await response.json()) as Awaited<ReturnType<PreloadApi['readBytes']>>;
      return { ok: false, error: { code: 'failed', message: `${url}: the workstation answered ${response.status}` } };
    },
    async uploadFile(batchId, index, name, bytes) {
      const response = await fetch(`/api/uploads/${batchId}/${index}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' },
        body: bytes,
      });
      if ((response.headers.get('content-type') ?? '').includes('application/json')) {
        return (await response.json()) as Awaited<ReturnType<PreloadApi['uploadFile']>>;
      }
      return { ok: false, error: { code: 'failed', message: `upload of ${name}: the workstation answered ${response.status}` } };
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
