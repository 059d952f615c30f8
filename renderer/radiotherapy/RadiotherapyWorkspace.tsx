/**
 * The radiotherapy workspace: plan a TG-119 phantom or the patient's CT + structure set as a job, then read the
 * plan (goals, DVH, per-structure dose with TCP/NTCP, dose wash) and ask what-if questions live in the browser.
 */
import { useCallback, useMemo, useState } from 'react';
import type { DerivedObject } from '../../main/contract/domain';
import { useEvent, useQuery } from '../bridge/bridge-context';
import type { WorkspaceProps } from '../workspaces/workspace';
import { PatientPlanForm } from './PatientPlanForm';
import { PhantomPlanner } from './PhantomPlanner';
import { PlanList } from './PlanList';
import { PlanSummary } from './plan-summary';
import { PlanView } from './PlanView';
import type { RoiInfo } from './rtstruct-rois';
import './radiotherapy.css';

const RELOAD_ON = ['derived.changed'] as const;

export function RadiotherapyWorkspace({ patient }: WorkspaceProps) {
  const detail = useQuery('patients.get', { patientKey: patient.patientKey }, ['patients.changed']);
  const patientPlans = useQuery('derived.list', { patientKey: patient.patientKey, kind: 'rt-plan' }, [...RELOAD_ON]);
  const phantomPlans = useQuery('derived.list', { patientKey: null, kind: 'rt-plan' }, [...RELOAD_ON]);
  const [selected, setSelected] = useState<string | null>(null);
  const [rois, setRois] = useState<RoiInfo[]>([]);

  // A plan that has just been stored is shown at once.
  useEvent('derived.changed', useCallback((e: { patientKey: string | null; id: string }) => {
    if (e.patientKey === null || e.patientKey === patient.patientKey) setSelected(e.id);
  }, [patient.patientKey]));

  const plans = useMemo(
    () => [...(patientPlans.data ?? []), ...(phantomPlans.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [patientPlans.data, phantomPlans.data],
  );
  const shown: DerivedObject | undefined = plans.find((p) => p.id === selected) ?? plans[0];
  const parsed = shown ? PlanSummary.safeParse(shown.summary) : null;
  const roiColours = useMemo(() => new Map(rois.flatMap((r) => (r.colour ? [[r.name, r.colour] as const] : []))), [rois]);
  const error = detail.error ?? patientPlans.error ?? phantomPlans.error;

  return (
    <div className="rt-workspace" data-testid="rt-workspace">
      <div className="rt-planning">
        {detail.data ? <PatientPlanForm studies={detail.data.studies} rois={rois} onRois={setRois} /> : <p className="muted">Loading the patient…</p>}
        <div className="rt-side">
          <PhantomPlanner />
          <PlanList plans={plans} selected={shown?.id ?? null} onSelect={setSelected} />
        </div>
      </div>
      {error && <p className="error">{error}</p>}
      {shown && parsed && !parsed.success && <p className="error">This plan's summary cannot be read: {parsed.error.issues[0]?.message}</p>}
      {shown && parsed?.success && <PlanView key={shown.id} id={shown.id} title={shown.title} summary={parsed.data} roiColours={roiColours} />}
    </div>
  );
}
