/**
 * What the renderer holds to talk to the main side: one `invoke` for requests, one `on` for events.
 * Implemented by the Electron preload (contextBridge) and by the web client (HTTP + WebSocket).
 */
import type { Channel, EventName, EventOf, ReplyOf, RequestOf } from './channels';

export interface TwinBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>>;
  /** The bytes of one stored DICOM instance (Part 10), by SOPInstanceUID: the renderer never sees file paths. */
  instanceBytes(sopInstanceUid: string): Promise<ArrayBuffer>;
  /** One payload file of a derived object (a mesh, a label map, a dose grid), by the object's id and the file's name. */
  derivedFile(id: string, name: string): Promise<ArrayBuffer>;
  /** A series' thumbnail (PNG, at most 128 px, the middle image in its default window), by series key. */
  seriesThumbnail(seriesKey: string): Promise<ArrayBuffer>;
  /** Hands one file chosen by the user (picker or drag-and-drop) to the main side, for `imports.fromUpload`. */
  uploadFile(batchId: string, index: number, name: string, bytes: ArrayBuffer): Promise<void>;
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
  readBytes(ref: BytesRef): Promise<{ ok: true; bytes: ArrayBuffer } | { ok: false; error: WireError }>;
  uploadFile(batchId: string, index: number, name: string, bytes: ArrayBuffer): Promise<{ ok: true } | { ok: false; error: WireError }>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export const PRELOAD_GLOBAL = 'twinPreload';
export const IPC_INVOKE = 'twin:invoke';
export const IPC_EVENT = 'twin:event';
export const IPC_READ_BYTES = 'twin:read-bytes';

/** Binary payloads the renderer may read: named by store identifiers, never by path. */
export type BytesRef =
  | { type: 'instance'; sopInstanceUid: string }
  | { type: 'derived'; id: string; name: string }
  | { type: 'thumbnail'; seriesKey: string };
export const IPC_UPLOAD = 'twin:upload';

/** SOPInstanceUIDs are digits and dots (PS3.5 §9.1), at most 64 characters. */
export const SOP_UID_PATTERN = /^[0-9.]{1,64}$/;

/** Series keys are the SeriesInstanceUID, plus '#n' for the n-th part of a series split by geometry; the channels take up to 200 characters. */
export const SERIES_KEY_MAX_LENGTH = 200;
