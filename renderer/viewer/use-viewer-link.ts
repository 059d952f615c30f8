/**
 * Links the shown views of a viewer session with the series' linked point (renderer/shell/linked-point): the views
 * jump to a point set elsewhere (a pick in 3D) when they appear and whenever it changes; a moved crosshair or a
 * click in a view sets the point. The session's own changes come back from the store marked with its id and are
 * ignored, so a dragged crosshair is never pulled back.
 */
import { useEffect } from 'react';
import { linkedPoints } from '../shell/linked-point';
import type { ViewerSession } from './viewer-session';

export function useViewerLink(session: ViewerSession | null, shown: HTMLDivElement[], seriesKey: string): void {
  useEffect(() => {
    if (!session || shown.length === 0) return;
    const source = session.id;
    const current = linkedPoints.get(seriesKey);
    // Before listening to the crosshair: its first centre is the volume's middle, not the clinician's point.
    if (current) session.jumpTo(current.pointLps);
    const stops = [
      linkedPoints.subscribe(seriesKey, (point) => point && point.source !== source && session.jumpTo(point.pointLps)),
      session.onCrosshairMoved((pointLps) => linkedPoints.set(seriesKey, { pointLps, structure: null, source })),
      session.onPointClicked((pointLps) => {
        session.jumpTo(pointLps);
        linkedPoints.set(seriesKey, { pointLps, structure: null, source });
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [session, shown, seriesKey]);
}
