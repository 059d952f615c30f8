/** `twin patients`: the patients in the store, or one patient's studies and series. */
import type { CliCommand } from '../command';

export const patientsCommand: CliCommand = {
  name: 'patients',
  summary: 'list patients, or show one patient\'s studies and series',
  usage: `Usage: twin patients [PATIENT_KEY] [--db FILE] [--json]`,
  options: {},
  async run(ctx) {
    const ws = await ctx.workstation();
    const key = ctx.positionals[0];
    if (key) {
      ctx.print(ws.patients.get(key), (d) =>
        [
          `${d.patient.name} (${d.patient.patientId})`,
          ...d.studies.flatMap((s) => [
            `  study ${s.studyInstanceUid} ${s.date ?? ''} ${s.description}`,
            ...s.series.map((se) => `    ${se.modality.padEnd(8)} ${String(se.instanceCount).padStart(5)} images  ${se.description}`),
          ]),
        ].join('\n'),
      );
    } else {
      ctx.print({ patients: ws.patients.list() }, (d) =>
        d.patients.length === 0
          ? 'No patients in the store.'
          : d.patients.map((p) => `${p.patientKey.padEnd(24)} ${p.name.padEnd(30)} ${p.studyCount} studies, ${p.seriesCount} series`).join('\n'),
      );
    }
    return 0;
  },
};
