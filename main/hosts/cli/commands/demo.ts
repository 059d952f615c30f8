/** `twin demo --out DIR`: write the synthetic demo patient (CT series, RTSTRUCT, truth.json); no store needed. */
import path from 'node:path';
import { writeDemoPatient } from '../../../../workers/phantom/demo-patient';
import { createJobContext } from '../../../../workers/process/job-context';
import { requireString, UsageError, type CliCommand } from '../command';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'write the synthetic demo thorax patient (CT, RTSTRUCT, analytic truth) into a folder',
  usage: `Usage: twin demo --out DIR [--json]

Writes DIR/ct/ct-0001.dcm … ct-0120.dcm (512 × 512 CT, 0.9 × 0.9 × 2.5 mm), DIR/rtstruct.dcm and DIR/truth.json
(structure volumes and centroids computed from the analytic shapes). The same output every time.
With --json prints {"outDir","ctFiles","rtstruct","truth"}: ctFiles is the number of CT files, truth the JSON
written to truth.json.`,
  options: { out: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"`);
    const outDir = path.resolve(requireString(ctx.values, 'out'));
    let lastTenth = -1;
    const job = createJobContext((fraction, message) => {
      // A note per tenth keeps stderr readable.
      const tenth = Math.floor(fraction * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        ctx.note(`${Math.round(fraction * 100)} %${message ? `  ${message}` : ''}`);
      }
    });
    const written = await writeDemoPatient(outDir, job);
    ctx.print({ outDir, ctFiles: written.ctFiles.length, rtstruct: written.rtstructFile, truth: written.truth }, (r) =>
      [
        `wrote ${r.ctFiles} CT images, an RT structure set and truth.json to ${r.outDir}`,
        '',
        'structure        volume (mL)   centroid LPS (mm)',
        ...r.truth.structures.map(
          (s) => `${s.name.padEnd(16)} ${s.volumeMl.toFixed(1).padStart(11)}   (${s.centroidLps.map((c) => c.toFixed(1)).join(', ')})`,
        ),
      ].join('\n'),
    );
    return 0;
  },
};
