/**
 * Turns the headers of a scan into series: split by SeriesInstanceUID and then by geometry (image size and
 * orientation, so one volume never mixes planes), drop repeated SOPInstanceUIDs, sort each part along its normal,
 * and say in words what a reader of the images should know (gaps, uneven spacing, tilt, mixed sizes).
 */
import type { Vec3 } from '../../volume/volume';
import type { InstanceHeader } from '../header/instance-header';
import type { ImageOrientation, ScannedSeries } from '../scan-types';
import { sameOrientation } from './plane-geometry';
import { analyseSliceSpacing } from './slice-spacing';
import { sortSlices } from './sort-slices';

interface GeometryGroup {
  rows?: number;
  columns?: number;
  orientation?: ImageOrientation;
  headers: InstanceHeader[];
}

function sameGeometry(g: GeometryGroup, h: InstanceHeader): boolean {
  const i = h.instance;
  if (g.rows !== i.rows || g.columns !== i.columns) return false;
  if (!g.orientation || !i.imageOrientationPatient) return !g.orientation && !i.imageOrientationPatient;
  return sameOrientation(g.orientation, i.imageOrientationPatient);
}

function splitByGeometry(headers: InstanceHeader[]): GeometryGroup[] {
  const groups: GeometryGroup[] = [];
  for (const h of headers) {
    const group = groups.find((g) => sameGeometry(g, h));
    if (group) group.headers.push(h);
    else
      groups.push({
        ...(h.instance.rows ? { rows: h.instance.rows, columns: h.instance.columns! } : {}),
        ...(h.instance.imageOrientationPatient ? { orientation: h.instance.imageOrientationPatient } : {}),
        headers: [h],
      });
  }
  // The largest part keeps the plain SeriesInstanceUID as its key; ties go to the part seen first.
  return groups.map((g, order) => ({ g, order })).sort((a, b) => b.g.headers.length - a.g.headers.length || a.order - b.order).map((x) => x.g);
}

const describeGeometry = (g: GeometryGroup): string =>
  `${g.rows && g.columns ? `${g.columns}×${g.rows}` : 'no image'}${g.orientation ? `, orientation [${g.orientation.map((v) => Number(v.toFixed(3))).join(', ')}]` : ''}`;

function splitWarnings(groups: GeometryGroup[], index: number): string[] {
  if (groups.length < 2) return [];
  const sizes = new Set(groups.filter((g) => g.rows).map((g) => `${g.columns}×${g.rows}`));
  const warnings = [`series split by geometry into ${groups.length} parts; this is part ${index + 1}: ${groups[index]!.headers.length} image(s), ${describeGeometry(groups[index]!)}`];
  if (sizes.size > 1) warnings.push(`mixed image sizes in one series: ${[...sizes].join(', ')}`);
  return warnings;
}

function buildPart(key: string, group: GeometryGroup, extraWarnings: string[]): ScannedSeries {
  const first = group.headers[0]!;
  const warnings = [...extraWarnings];
  const sorted = sortSlices(
    group.headers.map((h) => h.instance),
    group.orientation,
  );
  warnings.push(...sorted.warnings);

  let sliceSpacingMm: number | undefined;
  if (sorted.positionsMm && sorted.instances.length > 1 && group.orientation) {
    const analysis = analyseSliceSpacing(
      sorted.positionsMm,
      sorted.instances[0]!.imagePositionPatient!,
      sorted.instances.at(-1)!.imagePositionPatient!,
      group.orientation,
    );
    sliceSpacingMm = analysis.spacingMm;
    warnings.push(...analysis.warnings);
  }
  sliceSpacingMm ??= first.spacingBetweenSlicesMm ?? first.sliceThicknessMm;

  const tilt = group.headers.find((h) => h.gantryTiltDeg && Math.abs(h.gantryTiltDeg) > 0)?.gantryTiltDeg;
  if (tilt !== undefined && !warnings.some((w) => w.startsWith('gantry tilt'))) warnings.push(`gantry tilt of ${tilt}° recorded in GantryDetectorTilt (0018,1120)`);

  const pixelSpacing = first.instance.pixelSpacing;
  const spacingVaries = group.headers.some((h) => {
    const ps = h.instance.pixelSpacing;
    return ps && pixelSpacing && (Math.abs(ps[0] - pixelSpacing[0]) > 1e-4 || Math.abs(ps[1] - pixelSpacing[1]) > 1e-4);
  });
  if (spacingVaries) warnings.push('pixel spacing differs between images of this series');
  // PixelSpacing is [between rows (y), between columns (x)]; our spacing is [x, y, z].
  const spacing: Vec3 | undefined = pixelSpacing ? [pixelSpacing[1], pixelSpacing[0], sliceSpacingMm ?? pixelSpacing[0]] : undefined;

  return {
    key,
    ...first.series,
    ...(group.rows ? { rows: group.rows, columns: group.columns! } : {}),
    ...(spacing ? { spacing } : {}),
    instances: sorted.instances,
    warnings,
  };
}

export function buildSeries(headers: InstanceHeader[]): ScannedSeries[] {
  const bySop = new Map<string, InstanceHeader>();
  const duplicateWarnings = new Map<string, string[]>();
  const bySeries = new Map<string, InstanceHeader[]>();
  for (const h of headers) {
    const seriesUid = h.series.seriesInstanceUid;
    const earlier = bySop.get(h.instance.sopInstanceUid);
    if (earlier) {
      const list = duplicateWarnings.get(seriesUid) ?? [];
      list.push(`duplicate SOPInstanceUID ${h.instance.sopInstanceUid}: kept ${earlier.instance.file}, skipped ${h.instance.file}`);
      duplicateWarnings.set(seriesUid, list);
      continue;
    }
    bySop.set(h.instance.sopInstanceUid, h);
    const list = bySeries.get(seriesUid) ?? [];
    list.push(h);
    bySeries.set(seriesUid, list);
  }

  const out: ScannedSeries[] = [];
  for (const [uid, members] of bySeries) {
    const duplicates = duplicateWarnings.get(uid) ?? [];
    const duplicateSummary = duplicates.length > 3 ? [...duplicates.slice(0, 3), `${duplicates.length - 3} more duplicates skipped`] : duplicates;
    const groups = splitByGeometry(members);
    groups.forEach((group, index) => {
      const key = index === 0 ? uid : `${uid}#${index + 1}`;
      out.push(buildPart(key, group, [...(index === 0 ? duplicateSummary : []), ...splitWarnings(groups, index)]));
    });
  }
  return out;
}
