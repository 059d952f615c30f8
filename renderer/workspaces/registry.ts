import type { Workspace } from './workspace';
import { SeriesInfoWorkspace } from './SeriesInfoWorkspace';
import { UnavailableWorkspace } from './UnavailableWorkspace';

/** The workspaces of this build, in tab order. */
export const workspaces: Workspace[] = [
  { id: 'viewer', title: 'Viewer', Component: SeriesInfoWorkspace },
  { id: 'anatomy', title: '3D anatomy', Component: UnavailableWorkspace },
  { id: 'radiotherapy', title: 'Radiotherapy', Component: UnavailableWorkspace },
  { id: 'cardiac', title: 'Cardiac', Component: UnavailableWorkspace },
];
