import type { WorkspaceProps } from './workspace';

export function UnavailableWorkspace(_props: WorkspaceProps) {
  return <div className="empty-state">This workspace is not part of this build yet.</div>;
}
