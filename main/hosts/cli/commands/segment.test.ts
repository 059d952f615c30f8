import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workstation } from '../../../services/workstation';
import { UsageError, type CliContext } from '../command';
import { meshCommand } from './mesh';
import { segmentCommand } from './segment';

function context(positionals: string[], values: CliContext['values']): CliContext {
  return {
    values,
    positionals,
    json: true,
    print: () => {},
    note: () => {},
    workstation: () => Promise.reject(new Error('no store in this test')),
  };
}

describe('twin segment / twin mesh arguments', () => {
  it('rejects an unknown preset and a missing input as usage errors', async () => {
    await expect(segmentCommand.run(context(['.'], { preset: 'liver' }))).rejects.toBeInstanceOf(UsageError);
    await expect(segmentCommand.run(context([], { preset: 'lungs' }))).rejects.toBeInstanceOf(UsageError);
    await expect(segmentCommand.run(context(['/no/such/folder'], { preset: 'lungs' }))).rejects.toBeInstanceOf(UsageError);
  });

  it('looks a series UID up in the store and says when it is not there', async () => {
    const ws = new Workstation({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'twin-segment-')) });
    try {
      const ctx = { ...context(['1.2.840.113619.2.55.3'], { preset: 'body' }), workstation: () => Promise.resolve(ws) };
      await expect(segmentCommand.run(ctx)).rejects.toThrow(/no series "1.2.840.113619.2.55.3" in the store/);
    } finally {
      await ws.close();
    }
  });

  it('mesh wants an .stl or .obj output', async () => {
    await expect(meshCommand.run(context(['.'], { preset: 'body', out: 'organs.ply' }))).rejects.toBeInstanceOf(UsageError);
  });
});
