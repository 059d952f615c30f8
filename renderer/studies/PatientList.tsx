import { useQuery } from '../bridge/bridge-context';

export function PatientList({ selected, onSelect }: { selected: string | null; onSelect: (key: string) => void }) {
  const patients = useQuery('patients.list', {}, ['patients.changed']);
  return (
    <nav aria-label="Patients">
      <h2 className="panel-title">Patients</h2>
      {patients.error && <p className="error">Could not list patients: {patients.error}</p>}
      {patients.data?.length === 0 && <p className="muted">No patients yet. The demo patient is imported on first start.</p>}
      <ul className="patient-list" data-testid="patient-list">
        {patients.data?.map((p) => (
          <li key={p.patientKey}>
            <button
              className={p.patientKey === selected ? 'patient selected' : 'patient'}
              onClick={() => onSelect(p.patientKey)}
              data-testid="patient-item"
            >
              <span className="patient-name">{p.name || '(no name)'}</span>
              <span className="patient-meta">
                {p.patientId} · {p.sex ?? '?'} · {p.birthDate ?? 'no birth date'} · {p.seriesCount} series
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
