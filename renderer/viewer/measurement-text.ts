/**
 * One line of text per measurement, from the statistics cornerstone tools cache on each annotation
 * (`data.cachedStats`, keyed by the image or volume it was measured on).
 */
export interface MeasurementStats {
  length?: number;
  unit?: string;
  angle?: number;
  mean?: number;
  stdDev?: number;
  area?: number;
  areaUnit?: string;
  modalityUnit?: string;
}

const TOOL_TITLES: Record<string, string> = {
  Length: 'Length',
  Angle: 'Angle',
  EllipticalROI: 'Ellipse ROI',
  RectangleROI: 'Rectangle ROI',
};

export function measurementTitle(toolName: string): string {
  return TOOL_TITLES[toolName] ?? toolName;
}

const fixed = (value: number | undefined, digits: number): string | null =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : null;

/** null while the tool has not computed its statistics yet (they are computed on the first render). */
export function measurementText(toolName: string, stats: MeasurementStats | undefined): string | null {
  if (!stats) return null;
  if (toolName === 'Length') {
    const length = fixed(stats.length, 1);
    return length === null ? null : `${length} ${stats.unit ?? 'mm'}`;
  }
  if (toolName === 'Angle') {
    const angle = fixed(stats.angle, 1);
    return angle === null ? null : `${angle}°`;
  }
  const mean = fixed(stats.mean, 1);
  const sd = fixed(stats.stdDev, 1);
  const area = fixed(stats.area, 1);
  if (mean === null || area === null) return null;
  const unit = stats.modalityUnit ?? '';
  return `mean ${mean} ${unit} · SD ${sd ?? '?'} ${unit} · area ${area} ${stats.areaUnit ?? 'mm²'}`.replace(/\s+/g, ' ');
}
