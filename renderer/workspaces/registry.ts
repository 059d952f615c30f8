import type { Workspace } from './workspace';
import { UnavailableWorkspace } from './UnavailableWorkspace';
import { ViewerWorkspace } from '../viewer/ViewerWorkspace';

/** The workspaces of this build, in tab order. */
export const workspaces: Workspace[] = [
  { id: 'viewer', title: 'Viewer', Component: ViewerWorkspace },
  { id: 'anatomy', title: '3D anatomy', Component: UnavailableWorkspace },
  { id: 'radiotherapy', title: 'Radiotherapy', Component: UnavailableWorkspace },
  { id: 'cardiac', title: 'Cardiac', Component: UnavailableWorkspace },
];
