/** The structures of one segmentation: visibility, colour, opacity, volume and export, one row each. */
import { colorToHex, hexToColor, structureLabel, type OrganAppearance } from './organ-appearance';
import type { SegmentedStructure } from './segmentation-summary';
import { stlToObj } from './stl-to-obj';
import { downloadOnClick } from './download';

export interface StructureState {
  structure: SegmentedStructure;
  appearance: OrganAppearance;
  visible: boolean;
  /** The mesh bytes (binary STL, LPS mm) once fetched. */
  stl: ArrayBuffer | null;
}

interface Props {
  structures: StructureState[];
  onChange: (name: string, change: Partial<Pick<StructureState, 'appearance' | 'visible'>>) => void;
}

export function StructureList({ structures, onChange }: Props) {
  return (
    <ul className="anatomy-structures">
      {structures.map(({ structure, appearance, visible, stl }) => (
        <li key={structure.name} className="anatomy-structure" data-testid="anatomy-structure" data-name={structure.name}>
          <label className="anatomy-structure-name">
            <input type="checkbox" data-testid="anatomy-toggle" checked={visible} onChange={(e) => onChange(structure.name, { visible: e.target.checked })} />
            <input
              type="color"
              aria-label={`colour of ${structure.name}`}
              value={colorToHex(appearance.color)}
              onChange={(e) => onChange(structure.name, { appearance: { ...appearance, color: hexToColor(e.target.value) } })}
            />
            <span title={structure.name}>{structureLabel(structure.name)}</span>
          </label>
          <span className="anatomy-volume small" title={`${structure.voxels} voxels; mesh encloses ${structure.meshVolumeMl.toFixed(1)} mL`}>
            {structure.volumeMl.toFixed(1)} mL
          </span>
          <input
            type="range"
            aria-label={`opacity of ${structure.name}`}
            data-testid="anatomy-opacity"
            min={0}
            max={1}
            step={0.05}
            value={appearance.opacity}
            onChange={(e) => onChange(structure.name, { appearance: { ...appearance, opacity: Number(e.target.value) } })}
          />
          <span className="anatomy-exports small">
            {stl ? (
              <>
                <a data-testid="anatomy-export-stl" download={`${structure.name}.stl`} href="#" onClick={downloadOnClick(() => new Blob([stl], { type: 'model/stl' }))}>
                  STL
                </a>{' '}
                <a data-testid="anatomy-export-obj" download={`${structure.name}.obj`} href="#" onClick={downloadOnClick(() => new Blob([stlToObj(stl, structure.name)], { type: 'model/obj' }))}>
                  OBJ
                </a>
              </>
            ) : (
              <span className="muted">loading…</span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
