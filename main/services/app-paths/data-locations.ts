/**
 * Where the workstation keeps its data when no host says otherwise: the XDG data folder headless
 * (Electron passes its userData folder instead).
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'twin-workstation';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TWIN_DATA_DIR) return path.resolve(env.TWIN_DATA_DIR);
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, APP_FOLDER);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER);
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, APP_FOLDER);
}

export interface DataLocations {
  dataDir: string;
  storeFile: string;
  /** Managed copies of imported DICOM. */
  dicomDir: string;
  /** The generated demo patient. */
  demoDir: string;
  /** Files handed over by the renderer, staged before an import job scans them. */
  uploadsDir: string;
  /** Payload files of derived objects (label maps, meshes, dose grids), one folder per job. */
  derivedDir: string;
  /** Series thumbnails, made on first view (a cache: safe to delete). */
  thumbnailsDir: string;
}

export function dataLocations(dataDir: string, storeFile?: string): DataLocations {
  return {
    dataDir,
    storeFile: storeFile ? path.resolve(storeFile) : path.join(dataDir, 'twin.sqlite'),
    dicomDir: path.join(dataDir, 'dicom'),
    demoDir: path.join(dataDir, 'demo'),
    uploadsDir: path.join(dataDir, 'uploads'),
    derivedDir: path.join(dataDir, 'derived'),
    thumbnailsDir: path.join(dataDir, 'thumbnails'),
  };
}

/** Who is at the keyboard, for the audit trail. */
export function currentActor(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return `unknown@${os.hostname()}`;
  }
}
