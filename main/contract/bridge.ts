/**
 * What the renderer holds to talk to the main side: one `invoke` for requests, one `on` for events.
 * Implemented by the Electron preload (contextBridge) and by the web client (HTTP + WebSocket).
 */
import type { Channel, EventName, EventOf, ReplyOf, RequestOf } from './channels';

export interface TwinBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>>;
  /** Returns a function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

/** The wire error shape: a message fit for the user, and a machine code. */
export interface WireError {
  code: 'invalid-request' | 'not-found' | 'failed' | 'unauthorised';
  message: string;
}

/** The untyped surface the Electron preload exposes on window; the renderer wraps it into a TwinBridge. */
export interface PreloadApi {
  invoke(channel: string, request: unknown): Promise<{ ok: true; reply: unknown } | { ok: false; error: WireError }>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export const PRELOAD_GLOBAL = 'twinPreload';
export const IPC_INVOKE = 'twin:invoke';
export const IPC_EVENT = 'twin:event';
