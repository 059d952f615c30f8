import type { ComponentType } from 'react';
import type { PatientSummary, SeriesSummary } from '../../main/contract/domain';

/** A clinical workspace (an OHIF-style mode): it owns its panels and commands; the shell only switches between them. */
export interface Workspace {
  id: string;
  title: string;
  Component: ComponentType<WorkspaceProps>;
}

export interface WorkspaceProps {
  patient: PatientSummary;
  series: SeriesSummary | null;
}
