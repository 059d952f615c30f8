/** Fetches a plan's dose grid and per-beam structure dose (float32 files of the derived object). */
import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/bridge-context';
import type { PlanSummary } from './plan-summary';

export interface PlanFiles {
  doseGy: Float32Array;
  beamDoseGy: Float32Array;
}

export function usePlanFiles(id: string, summary: PlanSummary): { files: PlanFiles | null; error: string | null } {
  const bridge = useBridge();
  const [files, setFiles] = useState<PlanFiles | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setFiles(null);
    setError(null);
    Promise.all([bridge.derivedFile(id, summary.doseGrid.file), bridge.derivedFile(id, summary.beamDoseFile)])
      .then(([dose, beamDose]) => live && setFiles({ doseGy: new Float32Array(dose), beamDoseGy: new Float32Array(beamDose) }))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [bridge, id, summary.doseGrid.file, summary.beamDoseFile]);
  return { files, error };
}
