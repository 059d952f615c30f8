/** Arrhythmia event kinds (workers/ep/challenge/arrhythmia-monitor.ts `ArrhythmiaKind`) in the words a clinician reads. */
const KIND_LABELS: Record<string, string> = {
  ectopy: 'ectopic beat',
  ead: 'early afterdepolarisation',
  dad: 'delayed afterdepolarisation',
  'conduction-block': 'conduction block',
  're-entry': 're-entry',
  'phase-singularity': 'phase singularity (re-entry core)',
};

export function eventKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}
