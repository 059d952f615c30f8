/**
 * The walls of the house fail the lint: each case is code that crosses a wall, linted as if it lived at `filePath`.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-data';

const eslint = new ESLint({ cwd: repoRoot });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layering rules', () => {
  it.each([
    ['workers/rt/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /Only main\/app/],
    ['workers/rt/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n", /no database/],
    ['workers/rt/x.ts', "import { openStore } from '../../main/services/store/open-store';\nexport const o = openStore;\n", /must not import main/],
    ['workers/rt/x.ts', 'export const t = document.title;\n', /no DOM/],
    ['renderer/studies/x.ts', "import { Workstation } from '../../main/services/workstation';\nexport const w = Workstation;\n", /only main\/contract/],
    ['main/services/x.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n", /Only main\/app/],
  ])('%s: %s is refused', async (filePath, code, message) => {
    const errors = await errorsFor(filePath, code);
    expect(errors.some((e) => message.test(e))).toBe(true);
  });

  it.each([
    ['renderer/studies/x.ts', "import { channels } from '../../main/contract/channels';\nexport const c = channels;\n"],
    ['main/app/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['workers/rt/x.ts', "import { voxelCount } from '../volume/volume';\nexport const v = voxelCount;\n"],
  ])('%s: allowed import passes', async (filePath, code) => {
    expect(await errorsFor(filePath, code)).toEqual([]);
  });
});
