/**
 * The preload: exposes exactly four functions (invoke, readBytes, uploadFile, on) to the sandboxed renderer via contextBridge.
 * Requests are validated on the main side; replies and events are validated again by the renderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, IPC_READ_BYTES, IPC_UPLOAD, PRELOAD_GLOBAL, type PreloadApi } from '../contract/bridge';

const api: PreloadApi = {
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  readBytes: (ref) => ipcRenderer.invoke(IPC_READ_BYTES, ref),
  uploadFile: (batchId, index, name, bytes) => ipcRenderer.invoke(IPC_UPLOAD, batchId, index, name, bytes),
  on: (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.off(IPC_EVENT, wrapped);
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
