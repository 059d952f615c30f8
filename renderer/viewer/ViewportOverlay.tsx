import { Enums, getEnabledElement, type Types } from '@cornerstonejs/core';
import { useEffect, useRef, useState } from 'react';
import type { PatientSummary, SeriesSummary } from '../../main/contract/domain';
import { infoKey, readViewportInfo, type ViewportInfo } from './viewport-info';

interface Props {
  element: HTMLDivElement | null;
  patient: PatientSummary;
  series: SeriesSummary;
  /** e.g. "Axial" in MPR; null for the stack. */
  planeTitle: string | null;
  /** Small secondary views show only the plane, slice and window: the main view names the patient. */
  compact?: boolean;
}

/** Patient and series text in the corners, slice and window below, orientation labels at the edges. */
export function ViewportOverlay({ element, patient, series, planeTitle, compact = false }: Props) {
  const [info, setInfo] = useState<ViewportInfo | null>(null);
  const lastKey = useRef('');

  useEffect(() => {
    if (!element) return;
    const update = () => {
      const viewport = getEnabledElement(element)?.viewport as Types.IViewport | undefined;
      if (!viewport) return;
      let next: ViewportInfo;
      try {
        next = readViewportInfo(viewport);
      } catch {
        return; // no image in the viewport yet: the next render tells
      }
      const key = infoKey(next);
      if (key === lastKey.current) return;
      lastKey.current = key;
      setInfo(next);
    };
    element.addEventListener(Enums.Events.IMAGE_RENDERED, update);
    update(); // the first render may have happened before this listener
    return () => element.removeEventListener(Enums.Events.IMAGE_RENDERED, update);
  }, [element]);

  return (
    <div className="viewport-overlay" aria-hidden={info === null}>
      {!compact && (
        <div className="overlay-corner top-left">
          <div>{patient.name}</div>
          <div>ID {patient.patientId}</div>
          {patient.birthDate && <div>{patient.birthDate}{patient.sex ? ` · ${patient.sex}` : ''}</div>}
        </div>
      )}
      <div className="overlay-corner top-right">
        {!compact && (
          <>
            <div>{series.description || '(no description)'}</div>
            <div>
              {series.modality}
              {series.seriesNumber !== null ? ` · Se ${series.seriesNumber}` : ''}
            </div>
          </>
        )}
        {planeTitle && <div className="plane-title">{planeTitle}</div>}
      </div>
      {info && (
        <>
          <div className="overlay-corner bottom-left">
            <div data-testid="viewer-slice-indicator">
              Im {info.sliceNumber}/{info.sliceCount}
            </div>
            {info.locationMm !== null && <div data-testid="viewer-location">Loc {info.locationMm.toFixed(1)} mm</div>}
          </div>
          <div className="overlay-corner bottom-right">
            {info.window && (
              <div data-testid="viewer-window">
                W {Math.round(info.window.width)} L {Math.round(info.window.level)}
                {info.invert ? ' · inverted' : ''}
              </div>
            )}
          </div>
          <div className="orientation top" data-testid="orientation-top">{info.labels.top}</div>
          <div className="orientation bottom">{info.labels.bottom}</div>
          <div className="orientation left" data-testid="orientation-left">{info.labels.left}</div>
          <div className="orientation right">{info.labels.right}</div>
        </>
      )}
    </div>
  );
}
