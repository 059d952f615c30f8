/**
 * Files the renderer hands over (file picker, folder picker, drag-and-drop) are staged here before the import job
 * scans them. The renderer never names a path: it sends bytes and the original name, which errors quote back.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const BATCH_ID_PATTERN = /^[0-9a-f-]{8,64}$/;
const MAX_FILES_PER_BATCH = 100_000;

export class UploadError extends Error {
  override name = 'UploadError';
}

export class UploadStaging {
  constructor(private readonly root: string) {}

  private batchFolder(batchId: string): string {
    if (!BATCH_ID_PATTERN.test(batchId)) throw new UploadError(`"${batchId.slice(0, 80)}" is not an upload batch id`);
    return path.join(this.root, batchId);
  }

  /** The folder of staged files to scan (names are kept beside it, not in it). */
  folder(batchId: string): string {
    return path.join(this.batchFolder(batchId), 'files');
  }

  /** Records the file's original name and returns the path its bytes go to (streamed there by the host). */
  target(batchId: string, index: number, originalName: string): string {
    if (!Number.isInteger(index) || index < 0 || index >= MAX_FILES_PER_BATCH) throw new UploadError(`bad file index ${index}`);
    const files = this.folder(batchId);
    const names = path.join(this.batchFolder(batchId), 'names');
    mkdirSync(files, { recursive: true });
    mkdirSync(names, { recursive: true });
    writeFileSync(path.join(names, `${index}.name`), originalName.slice(0, 1000));
    return path.join(files, `${index}.bin`);
  }

  save(batchId: string, index: number, originalName: string, bytes: Uint8Array): void {
    writeFileSync(this.target(batchId, index, originalName), bytes);
  }

  /** The user's name for a staged file, so errors say "CD/IMG0001: …" rather than a staging path. */
  originalName(file: string): string {
    const match = /[/\\]files[/\\](\d+)\.bin$/.exec(file);
    if (!match) return file;
    try {
      return readFileSync(path.join(path.dirname(path.dirname(file)), 'names', `${match[1]}.name`), 'utf8');
    } catch {
      return path.basename(file);
    }
  }

  remove(batchId: string): void {
    rmSync(this.batchFolder(batchId), { recursive: true, force: true });
  }
}
