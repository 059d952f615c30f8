/**
 * The patient's record from the EHR (FHIR): link the DICOM patient to a FHIR patient (by identifier on import, or by
 * hand when identifiers differ), then the timeline of conditions, medications and encounters, and charts of the
 * observation series with their units.
 */
import { useState } from 'react';
import { useBridge, useQuery } from '../bridge/bridge-context';
import type { WorkspaceProps } from '../workspaces/workspace';
import { FhirImportButton } from './FhirImportButton';
import { ObservationChart } from './ObservationChart';
import { Timeline } from './Timeline';
import './record.css';

export function RecordWorkspace({ patient }: WorkspaceProps) {
  const bridge = useBridge();
  const record = useQuery('record.get', { patientKey: patient.patientKey }, ['patients.changed']);
  const choices = useQuery('record.fhirPatients', {}, ['patients.changed']);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);

  const link = () => {
    setError(null);
    bridge.invoke('record.link', { patientKey: patient.patientKey, fhirPatientId: chosen }).then(record.reload, (e: Error) => setError(e.message));
  };

  if (record.error) return <p className="error">Could not read the record: {record.error}</p>;
  if (!record.data) return <p className="muted">Loading the record…</p>;
  const r = record.data;
  return (
    <div className="record" data-testid="record">
      <section className="record-link">
        <span data-testid="record-linked">
          {r.fhirPatientIds.length > 0 ? `Linked to FHIR Patient ${r.fhirPatientIds.join(', ')}` : 'Not linked to an EHR patient yet.'}
        </span>
        <FhirImportButton />
        <label>
          Link by hand:
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="record-choose">
            <option value="">— choose a FHIR patient —</option>
            {choices.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {p.gender ?? '?'} · {p.birthDate ?? 'no birth date'} · {p.identifiers[0] ?? p.id}
              </option>
            ))}
          </select>
        </label>
        <button onClick={link} disabled={!chosen} data-testid="record-link">
          Link
        </button>
        {error && <span className="error">{error}</span>}
      </section>
      {r.fhirPatientIds.length > 0 && (
        <>
          <div className="record-timelines">
            <Timeline title="Conditions" items={r.conditions} />
            <Timeline title="Medications" items={r.medications} />
            <Timeline title="Encounters" items={r.encounters} />
          </div>
          <h3 className="panel-title">Observations</h3>
          <div className="record-charts" data-testid="record-charts">
            {r.observationSeries.filter((s) => s.points.length > 1).map((s) => (
              <ObservationChart key={`${s.code}|${s.unit}`} series={s} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
