/** `twin fhir import FILE...` (bundles or NDJSON into the twin's record) and `twin fhir link` (DICOM ↔ FHIR patient). */
import { FhirImporter } from '../../../services/fhir/fhir-import';
import { PatientLinks } from '../../../services/fhir/patient-links';
import { UsageError, type CliCommand } from '../command';

export const fhirCommand: CliCommand = {
  name: 'fhir',
  summary: 'import FHIR R4 bundles or NDJSON; link a DICOM patient to a FHIR patient',
  usage: `Usage: twin fhir import FILE... [--db FILE] [--json]
       twin fhir link PATIENT_KEY FHIR_PATIENT_ID [--db FILE] [--json]

import: stores every resource (unknown types too), resolving urn:uuid references, and links FHIR patients to
        DICOM patients whose PatientID equals one of their identifiers.
        Prints {"counts":{"Patient":n,"Observation":n,…},"errors":[]}; exit 1 when nothing was imported.
link:   links them by hand (when the two systems number the patient differently).`,
  options: {},
  async run(ctx) {
    const [sub, ...args] = ctx.positionals;
    if (sub === 'import') {
      if (args.length === 0) throw new UsageError('give at least one FHIR file');
      const ws = await ctx.workstation();
      const result = new FhirImporter(ws.db, ws.audit, ws.actor).importFiles(args);
      ctx.print(result, (d) =>
        [
          ...Object.entries(d.counts)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([type, n]) => `${String(n).padStart(6)}  ${type}`),
          ...d.errors.map((e) => `error: ${e}`),
        ].join('\n'),
      );
      return Object.keys(result.counts).length > 0 ? 0 : 1;
    }
    if (sub === 'link') {
      const [patientKey, fhirPatientId] = args;
      if (!patientKey || !fhirPatientId) throw new UsageError('give PATIENT_KEY and FHIR_PATIENT_ID');
      const ws = await ctx.workstation();
      const link = new PatientLinks(ws.db, ws.audit, ws.actor).link(patientKey, fhirPatientId);
      ctx.print({ link }, (d) => `linked ${d.link.patientKey} to Patient/${d.link.fhirPatientId}`);
      return 0;
    }
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'give a subcommand: import or link');
  },
};
