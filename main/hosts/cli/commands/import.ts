/** `twin import PATH...`: import DICOM files and folders into the store (a job in a worker process). */
import type { ImportSummary } from '../../../services/imports/index-scan';
import { UsageError, type CliCommand } from '../command';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import DICOM files, folders or a DICOMDIR',
  usage: `Usage: twin import PATH... [--in-place] [--db FILE] [--json]

Copies the files into managed storage (so the source media can go) unless --in-place.
Prints {"series":[{"seriesInstanceUID","modality","description","instances","rows","columns","spacing","warnings"}],
"errors":[{"file","reason"}]}. Exit 0 when anything was imported, 1 when nothing was.`,
  options: { 'in-place': { type: 'boolean' } },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('give at least one file or folder');
    const ws = await ctx.workstation();
    const started = ws.importDicom(ctx.positionals, !ctx.values['in-place']);
    const stop = ws.jobs.onChange((job) => {
      if (job.id === started.id && job.state === 'running' && !ctx.json) ctx.note(`${Math.round(job.progress * 100)} % ${job.message}`);
    });
    const job = await ws.jobs.waitFor(started.id);
    stop();
    if (job.state !== 'succeeded') throw new Error(job.error ?? `import ${job.state}`);
    const summary = job.result as ImportSummary;
    const out = {
      series: summary.series.map(({ seriesKey: _key, ...rest }) => rest),
      errors: summary.errors,
    };
    ctx.print(out, (d) =>
      [
        ...d.series.map((s) => `${s.modality.padEnd(6)} ${String(s.instances).padStart(5)} images  ${s.description}  ${s.seriesInstanceUID}${s.warnings.length ? `\n        warnings: ${s.warnings.join('; ')}` : ''}`),
        ...d.errors.map((e) => `error: ${e.file}: ${e.reason}`),
        `${d.series.length} series imported, ${d.errors.length} files with errors`,
      ].join('\n'),
    );
    return out.series.length > 0 ? 0 : 1;
  },
};
