/**
 * The Electron shell: a thin layer over the same services the web host and CLI serve. The only folder that imports
 * electron. Security: contextIsolation and sandbox on, nodeIntegration off, strict CSP, app files through the
 * `twin://` protocol (never file://), navigation and window.open blocked, no remote content.
 */
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { IPC_EVENT, IPC_INVOKE, IPC_READ_BYTES, IPC_UPLOAD } from '../contract/bridge';
import { createByteReader, createDispatch } from '../services/handlers';
import { EncryptedFileSecretStore } from '../services/sync/secret-store';
import { Workstation } from '../services/workstation';
import { APP_SCHEME, registerAppProtocol, registerSchemeAsPrivileged } from './app-protocol';
import { UtilityProcessLauncher } from './utility-launcher';

registerSchemeAsPrivileged();

let workstation: Workstation | undefined;

/** A bundle file that must run outside the asar archive (worker processes are started from real files). */
function unpacked(file: string): string {
  return path.join(__dirname, file).replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Twin Workstation',
    backgroundColor: '#0b1220',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_SCHEME}://`)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the system browser; nothing opens inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(`${APP_SCHEME}://app/index.html`);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  // No permission (camera, geolocation, notifications …) is ever granted to the renderer.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  registerAppProtocol(path.join(__dirname, '..', '..', 'renderer', 'dist'));

  const dataDir = process.env.TWIN_DATA_DIR ?? app.getPath('userData');
  workstation = new Workstation({
    dataDir,
    host: 'electron',
    launcher: new UtilityProcessLauncher(unpacked('worker-main.cjs')),
    modelWorkerEntry: unpacked('model-worker.cjs'),
    modelsDir: path.join(process.resourcesPath, 'native-models'),
    // Sync secrets encrypted with the OS keychain (DPAPI, Keychain, libsecret), never in plain text.
    secrets: new EncryptedFileSecretStore(path.join(dataDir, 'secrets.enc.json'), safeStorage),
  });
  const dispatch = createDispatch(workstation);
  const readBytes = createByteReader(workstation);
  ipcMain.handle(IPC_INVOKE, (_event, channel: unknown, request: unknown) => dispatch(String(channel), request));
  ipcMain.handle(IPC_READ_BYTES, async (_event, ref: unknown) => {
    const result = await readBytes(ref);
    if (!result.ok) return result;
    const { buffer, byteOffset, byteLength } = result.bytes;
    return { ok: true, bytes: buffer.slice(byteOffset, byteOffset + byteLength) };
  });
  const uploads = workstation.uploads;
  ipcMain.handle(IPC_UPLOAD, (_event, batchId: unknown, index: unknown, name: unknown, bytes: unknown) => {
    try {
      if (!(bytes instanceof ArrayBuffer)) throw new Error('the file bytes must be an ArrayBuffer');
      uploads.save(String(batchId), Number(index), String(name), new Uint8Array(bytes));
      return { ok: true };
    } catch (err) {
      return { ok: false, error: { code: 'invalid-request', message: (err as Error).message } };
    }
  });
  workstation.onEvent((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_EVENT, event, payload);
  });
  createWindow();
  workstation.importDemoOnFirstStart();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', (event) => {
  if (!workstation) return;
  event.preventDefault();
  const ws = workstation;
  workstation = undefined;
  void ws.close().finally(() => app.quit());
});

start().catch((err: Error) => {
  console.error(`Twin Workstation could not start: ${err.message}`);
  app.exit(1);
});
