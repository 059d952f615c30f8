import { useState } from 'react';
import { useQuery } from '../bridge/bridge-context';
import { WorkspaceArea } from '../workspaces/WorkspaceArea';
import { SeriesList } from './SeriesList';

export function PatientView({ patientKey }: { patientKey: string }) {
  const detail = useQuery('patients.get', { patientKey }, ['patients.changed']);
  const [seriesKey, setSeriesKey] = useState<string | null>(null);
  if (detail.error) return <p className="error">Could not open the patient: {detail.error}</p>;
  if (!detail.data) return <p className="muted">Loading…</p>;
  const { patient, studies } = detail.data;
  const series = studies.flatMap((s) => s.series).find((s) => s.seriesKey === seriesKey) ?? null;
  return (
    <div className="patient-view">
      <section className="patient-header" data-testid="patient-header">
        <h1>{patient.name}</h1>
        <span className="muted">
          ID {patient.patientId} · born {patient.birthDate ?? 'unknown'} · sex {patient.sex ?? 'unknown'}
        </span>
      </section>
      <div className="patient-body">
        <SeriesList studies={studies} selected={seriesKey} onSelect={setSeriesKey} />
        <WorkspaceArea patient={patient} series={series} />
      </div>
    </div>
  );
}
