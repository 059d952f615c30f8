/**
 * A throwaway Orthanc PACS on loopback for tests (Debian packages orthanc and orthanc-dicomweb): a temporary folder,
 * free HTTP and DICOM ports, the DICOMweb plugin, and called-AE checking on so a wrong AE title is refused as a real
 * hospital PACS would. startOrthanc() returns undefined when Orthanc is not installed, so suites can skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ORTHANC_BINARY = process.env.TWIN_ORTHANC ?? '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = process.env.TWIN_ORTHANC_DICOMWEB ?? '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
export const ORTHANC_AET = 'ORTHANC';

export function orthancAvailable(): boolean {
  return existsSync(ORTHANC_BINARY) && existsSync(DICOMWEB_PLUGIN);
}

export const orthancMissingMessage = `skipped: Orthanc (${ORTHANC_BINARY}) with the DICOMweb plugin (${DICOMWEB_PLUGIN}) is not installed (apt-get install orthanc orthanc-dicomweb)`;

/** A TCP port free on loopback right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface TestOrthanc {
  /** REST root, e.g. http://127.0.0.1:40123 */
  httpUrl: string;
  /** DICOMweb root, e.g. http://127.0.0.1:40123/dicom-web */
  dicomWebUrl: string;
  dicomPort: number;
  aet: string;
  /** Stores Part 10 files through the REST API; resolves with Orthanc's instance ids. */
  upload(files: string[]): Promise<string[]>;
  /** Kills Orthanc and removes its folder. */
  stop(): Promise<void>;
}

export interface OrthancOptions {
  /** Remote modalities Orthanc knows (needed as C-MOVE destinations): name → AE title and port on 127.0.0.1. */
  modalities?: Record<string, { aet: string; port: number }>;
}

const START_TIMEOUT_MS = 20_000;

export async function startOrthanc(options: OrthancOptions = {}): Promise<TestOrthanc | undefined> {
  if (!orthancAvailable()) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twin-orthanc-'));
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const config = {
    Name: 'TwinTestPacs',
    StorageDirectory: path.join(dir, 'storage'),
    IndexDirectory: path.join(dir, 'index'),
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomAet: ORTHANC_AET,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpServerEnabled: true,
    DicomServerEnabled: true,
    // A real PACS refuses associations addressed to another AE title; Orthanc does only when asked to.
    DicomCheckCalledAet: true,
    DicomAlwaysAllowEcho: true,
    DicomAlwaysAllowStore: true,
    DicomAlwaysAllowFind: true,
    DicomAlwaysAllowGet: true,
    DicomAlwaysAllowMove: true,
    DicomModalities: Object.fromEntries(
      Object.entries(options.modalities ?? {}).map(([name, m]) => [name, { AET: m.aet, Host: '127.0.0.1', Port: m.port }]),
    ),
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false },
    StorageCompression: false,
    ConcurrentJobs: 2,
  };
  const configFile = path.join(dir, 'orthanc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logFile = path.join(dir, 'orthanc.log');
  const child: ChildProcess = spawn(ORTHANC_BINARY, [`--logfile=${logFile}`, configFile], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const httpUrl = `http://127.0.0.1:${httpPort}`;

  const stop = async () => {
    // A throwaway PACS: SIGKILL is safe (its folder goes next) and spares Orthanc's seconds-long orderly shutdown.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '(no log)';
      await stop();
      throw new Error(`Orthanc exited with code ${child.exitCode} at start-up:\n${log}`);
    }
    const up = await fetch(`${httpUrl}/system`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Orthanc did not answer on ${httpUrl} within ${START_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    httpUrl,
    dicomWebUrl: `${httpUrl}/dicom-web`,
    dicomPort,
    aet: ORTHANC_AET,
    async upload(files) {
      const ids: string[] = [];
      for (const file of files) {
        const response = await fetch(`${httpUrl}/instances`, { method: 'POST', body: readFileSync(file), headers: { 'Content-Type': 'application/dicom' } });
        if (!response.ok) throw new Error(`Orthanc refused ${file}: HTTP ${response.status} ${await response.text()}`);
        ids.push(((await response.json()) as { ID: string }).ID);
      }
      return ids;
    },
    stop,
  };
}
