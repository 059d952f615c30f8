/** One plan: goals, structures, DVH and the what-if controls (recomputed in the browser), and the dose wash. */
import { useDeferredValue, useMemo, useState } from 'react';
import { voxelVolumeMl } from '../../workers/volume/volume';
import { DoseWash } from './DoseWash';
import { DvhPlot, type DvhCurve } from './DvhPlot';
import { GoalsTable } from './GoalsTable';
import { PlanBeams3d } from './PlanBeams3d';
import { PlanDownloads } from './PlanDownloads';
import type { PlanSummary } from './plan-summary';
import { StructureTable } from './StructureTable';
import { structureColours } from '../../workers/rt/plan/structure-colours';
import { usePlanFiles, type PlanFiles } from './use-plan-files';
import { WhatIfPanel } from './WhatIfPanel';
import { commonDvhs, evaluateWhatIf, parameterSources, planSettings, type WhatIfSettings } from './what-if';

export function PlanView({ id, title, summary, roiColours }: { id: string; title: string; summary: PlanSummary; roiColours: Map<string, string> }) {
  const { files, error } = usePlanFiles(id, summary);
  return (
    <article className="rt-plan-view" data-testid="rt-plan-view" data-plan-id={id}>
      <header>
        <h2>{title}</h2>
        <span className="muted small">
          {summary.prescriptionGy} Gy in {summary.fractions} fractions · {summary.beams.length} beams ({summary.beams.map((b) => `${b.gantryDeg}°`).join(', ')}) · dose {summary.timingsS.dose.toFixed(1)} s, optimisation{' '}
          {summary.timingsS.optimisation.toFixed(1)} s ({summary.objectiveHistory.length} iterations)
        </span>
        {summary.objectivesFrom && (
          <span className="small muted" data-testid="rt-plan-objectives-from">
            OAR objectives proposed by {summary.objectivesFrom.name} v{summary.objectivesFrom.version} (model estimate, accepted by the planner)
          </span>
        )}
        {summary.dicom && <PlanDownloads id={id} dicom={summary.dicom} />}
      </header>
      <GoalsTable goals={summary.goals} />
      {error && <p className="error">Could not read the plan's dose: {error}</p>}
      {!files && !error && <p className="muted">Loading the dose…</p>}
      {files && <PlanDose id={id} files={files} summary={summary} roiColours={roiColours} />}
    </article>
  );
}

function PlanDose({ id, files, summary, roiColours }: { id: string; files: PlanFiles; summary: PlanSummary; roiColours: Map<string, string> }) {
  const [settings, setSettings] = useState<WhatIfSettings>(() => planSettings(summary));
  // Sliders stay smooth on large structures: the tables follow as soon as the browser has time.
  const shown = useDeferredValue(settings);
  const planned = useMemo(() => evaluateWhatIf(summary, files.beamDoseGy, planSettings(summary)), [summary, files]);
  const outcomes = useMemo(() => evaluateWhatIf(summary, files.beamDoseGy, shown), [summary, files, shown]);
  const colours = useMemo(() => structureColours(summary.structures, roiColours), [summary, roiColours]);
  const sources = useMemo(() => parameterSources(summary), [summary]);
  const changed = shown.doseScale !== 1 || shown.fractions !== summary.fractions || shown.beamsOn.some((on) => !on);
  const { maxGy, curves, reference } = useMemo(() => {
    const both = commonDvhs([...outcomes, ...planned]);
    const toCurves = (from: number): DvhCurve[] => outcomes.map((o, q) => ({ name: o.name, colour: colours.get(o.name)!, dvh: both.dvhs[from + q]! }));
    return { maxGy: both.maxGy, curves: toCurves(0), reference: toCurves(outcomes.length) };
  }, [outcomes, planned, colours]);

  return (
    <>
      <div className="rt-plan-grid">
        <DvhPlot curves={curves} maxGy={maxGy} {...(changed ? { reference } : {})} />
        <WhatIfPanel summary={summary} settings={settings} onChange={setSettings} sources={sources} />
      </div>
      <StructureTable outcomes={outcomes} planned={planned} colours={colours} voxelCm3={voxelVolumeMl(summary.doseGrid.spacingMm)} />
      <div className="rt-plan-grid">
        <DoseWash dose={files.doseGy} grid={summary.doseGrid} prescriptionGy={summary.prescriptionGy} />
        <PlanBeams3d id={id} summary={summary} colours={colours} beamsOn={shown.beamsOn} />
      </div>
    </>
  );
}
