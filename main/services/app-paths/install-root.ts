/** The folder the workstation runs from (the repository when run from source). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const installRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The built renderer (vite build output). */
export const rendererDistDir: string = path.join(installRoot, 'renderer', 'dist');
