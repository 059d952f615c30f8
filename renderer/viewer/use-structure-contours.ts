/**
 * The RT structure sets of the patient that belong to the shown images (same frame of reference), with their contours
 * in LPS mm, for drawing over the CT.
 */
import { useEffect, useState } from 'react';
import type { ReplyOf } from '../../main/contract/channels';
import { useBridge, useQuery } from '../bridge/bridge-context';

export type ContourSet = ReplyOf<'series.contours'> & { seriesKey: string; description: string };

export function useStructureContours(patientKey: string, frameOfReferenceUid: string | null): ContourSet | null {
  const bridge = useBridge();
  const detail = useQuery('patients.get', { patientKey });
  const [set, setSet] = useState<ContourSet | null>(null);
  const candidates = (detail.data?.studies ?? []).flatMap((s) => s.series).filter((s) => s.modality === 'RTSTRUCT');
  const key = candidates.map((c) => c.seriesKey).join('|');

  useEffect(() => {
    if (!frameOfReferenceUid || candidates.length === 0) return;
    let live = true;
    void (async () => {
      for (const c of candidates) {
        try {
          const contours = await bridge.invoke('series.contours', { seriesKey: c.seriesKey });
          if (contours.frameOfReferenceUid === null || contours.frameOfReferenceUid === frameOfReferenceUid) {
            if (live) setSet({ ...contours, seriesKey: c.seriesKey, description: c.description });
            return;
          }
        } catch {
          // An unreadable structure set is skipped; the images still show.
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [bridge, key, frameOfReferenceUid]); // candidates is derived from key
  return set;
}
