/**
 * The renderer's one way to the main side. Under Electron the preload exposes `window.twinPreload`; in a browser the
 * web host is reached over HTTP and WebSocket with the session token from the URL fragment.
 */
import { PRELOAD_GLOBAL, type PreloadApi, type TwinBridge } from '../../main/contract/bridge';
import { createValidatingBridge } from './validating-bridge';
import { createWebTransport } from './web-transport';

export function createBridge(): TwinBridge {
  const preload = (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  return createValidatingBridge(preload ?? createWebTransport());
}
