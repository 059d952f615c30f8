import type { Workspace } from './workspace';
import { RadiotherapyWorkspace } from '../radiotherapy/RadiotherapyWorkspace';
import { ViewerWorkspace } from '../viewer/ViewerWorkspace';
import { AnatomyWorkspace } from '../anatomy/AnatomyWorkspace';
import { CardiacWorkspace } from '../cardiac/CardiacWorkspace';
import { RecordWorkspace } from '../record/RecordWorkspace';

/** The workspaces of this build, in tab order. */
export const workspaces: Workspace[] = [
  { id: 'viewer', title: 'Viewer', Component: ViewerWorkspace },
  { id: 'anatomy', title: '3D anatomy', Component: AnatomyWorkspace },
  { id: 'radiotherapy', title: 'Radiotherapy', Component: RadiotherapyWorkspace },
  { id: 'cardiac', title: 'Cardiac', Component: CardiacWorkspace },
  { id: 'record', title: 'EHR record', Component: RecordWorkspace },
];
