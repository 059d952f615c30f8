/** Coplanar beams as gantry angles (IEC 61217, degrees): add, remove, or lay out N equispaced fields. */
import { useState } from 'react';

export function equispacedGantryDeg(count: number): number[] {
  return Array.from({ length: count }, (_, q) => Math.round((q * 360) / count));
}

export function BeamEditor({ gantryDeg, onChange }: { gantryDeg: number[]; onChange: (deg: number[]) => void }) {
  const [draft, setDraft] = useState('');
  const value = Number(draft);
  const valid = draft.trim() !== '' && Number.isFinite(value) && value >= 0 && value < 360 && !gantryDeg.includes(value) && gantryDeg.length < 36;
  return (
    <fieldset className="rt-beam-editor" data-testid="rt-beam-editor">
      <legend>Beams (gantry °), isocentre at the target centre</legend>
      <div className="rt-row wrap">
        {gantryDeg.map((g) => (
          <span key={g} className="rt-chip" data-testid="rt-beam">
            {g}°
            <button aria-label={`Remove beam at ${g}°`} disabled={gantryDeg.length === 1} onClick={() => onChange(gantryDeg.filter((x) => x !== g))}>×</button>
          </span>
        ))}
      </div>
      <div className="rt-row wrap">
        <input type="number" min={0} max={359} step={1} value={draft} onChange={(e) => setDraft(e.target.value)} aria-label="Gantry angle" placeholder="angle" />
        <button disabled={!valid} onClick={() => { onChange([...gantryDeg, value].sort((a, b) => a - b)); setDraft(''); }}>Add beam</button>
        {[5, 7, 9].map((n) => <button key={n} onClick={() => onChange(equispacedGantryDeg(n))}>{n} equispaced</button>)}
      </div>
    </fieldset>
  );
}
