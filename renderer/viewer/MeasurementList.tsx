import { eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums, annotation as annotationState } from '@cornerstonejs/tools';
import { useEffect, useState } from 'react';
import { measurementText, measurementTitle, type MeasurementStats } from './measurement-text';
import { MEASUREMENT_TOOL_NAMES } from './viewer-session';

interface Row {
  uid: string;
  title: string;
  text: string | null;
}

const EVENTS = [
  ToolEnums.Events.ANNOTATION_ADDED,
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
];

function readRows(frameOfReferenceUid: string | null): Row[] {
  return annotationState.state
    .getAllAnnotations()
    .filter((a) => MEASUREMENT_TOOL_NAMES.includes(a.metadata?.toolName ?? ''))
    .filter((a) => !frameOfReferenceUid || a.metadata?.FrameOfReferenceUID === frameOfReferenceUid)
    .map((a) => {
      const toolName = a.metadata!.toolName;
      const byTarget = (a.data as { cachedStats?: Record<string, MeasurementStats> }).cachedStats ?? {};
      const stats = Object.values(byTarget)[0];
      return { uid: a.annotationUID!, title: measurementTitle(toolName), text: measurementText(toolName, stats) };
    });
}

/** The measurements on this series' frame of reference, updated as they are drawn and edited. */
export function MeasurementList({ frameOfReferenceUid, onRemoved }: { frameOfReferenceUid: string | null; onRemoved: () => void }) {
  const [rows, setRows] = useState<Row[]>(() => readRows(frameOfReferenceUid));

  useEffect(() => {
    let frame = 0;
    // Drags modify an annotation on every mouse move: read once per animation frame.
    const refresh = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setRows(readRows(frameOfReferenceUid)));
    };
    refresh();
    for (const e of EVENTS) eventTarget.addEventListener(e, refresh);
    return () => {
      cancelAnimationFrame(frame);
      for (const e of EVENTS) eventTarget.removeEventListener(e, refresh);
    };
  }, [frameOfReferenceUid]);

  const remove = (uids: string[]) => {
    for (const uid of uids) annotationState.state.removeAnnotation(uid);
    onRemoved();
  };

  return (
    <section className="measurement-list" aria-label="Measurements">
      <h3 className="panel-title">Measurements</h3>
      {rows.length === 0 && <p className="muted small">Choose Length, Angle or an ROI and drag on the image.</p>}
      <ul>
        {rows.map((row) => (
          <li key={row.uid} data-testid="measurement-item">
            <span className="measurement-title">{row.title}</span>
            <span className="measurement-value" data-testid="measurement-value">
              {row.text ?? '…'}
            </span>
            <button className="small" aria-label={`Delete ${row.title}`} onClick={() => remove([row.uid])}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      {rows.length > 1 && (
        <button className="small" onClick={() => remove(rows.map((r) => r.uid))}>
          Delete all
        </button>
      )}
    </section>
  );
}
