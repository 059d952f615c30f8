/** The newest radiotherapy plan made on the shown CT series, with its dose grid, for the dose wash. */
import { useEffect, useState } from 'react';
import { PlanSummary } from '../radiotherapy/plan-summary';
import { useBridge, useQuery } from '../bridge/bridge-context';

export interface PlanDose {
  id: string;
  title: string;
  summary: PlanSummary;
  doseGy: Float32Array;
}

export function usePlanDose(patientKey: string, seriesKey: string): PlanDose | null {
  const bridge = useBridge();
  const plans = useQuery('derived.list', { patientKey, kind: 'rt-plan' }, ['derived.changed']);
  const plan = plans.data?.find((p) => p.seriesKey === seriesKey) ?? null;
  const [dose, setDose] = useState<PlanDose | null>(null);

  useEffect(() => {
    if (!plan) return;
    const summary = PlanSummary.safeParse(plan.summary);
    if (!summary.success) return;
    let live = true;
    bridge
      .derivedFile(plan.id, summary.data.doseGrid.file)
      .then((bytes) => live && setDose({ id: plan.id, title: plan.title, summary: summary.data, doseGy: new Float32Array(bytes) }))
      .catch(() => live && setDose(null));
    return () => {
      live = false;
    };
  }, [bridge, plan]);
  return plan && dose?.id === plan.id ? dose : null;
}
