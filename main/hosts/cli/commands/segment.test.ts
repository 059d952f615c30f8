import { describe, expect, it } from 'vitest';
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

  it('says plainly that series UIDs are not supported yet', async () => {
    await expect(segmentCommand.run(context(['1.2.840.113619.2.55.3'], { preset: 'body' }))).rejects.toThrow(/series UIDs need the store: not yet/);
  });

  it('mesh wants an .stl or .obj output', async () => {
    await expect(meshCommand.run(context(['.'], { preset: 'body', out: 'organs.ply' }))).rejects.toBeInstanceOf(UsageError);
  });
});
