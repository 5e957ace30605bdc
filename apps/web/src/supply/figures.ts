import { GOVERNORATE_POLYGONS, type Governorate, isGovernorate } from '../map/governorates';
import type { RollupRow, SupplyLevel } from '../api/views';

/** Days-of-supply bands of the map and its legend, worst first. */
export const DAY_BANDS = [
  { upTo: 1, colour: '#7f1d1d' },
  { upTo: 2, colour: '#dc2626' },
  { upTo: 4, colour: '#f97316' },
  { upTo: 7, colour: '#facc15' },
  { upTo: Infinity, colour: '#16a34a' },
] as const;
export const NO_DATA_COLOUR = '#cbd5e1';

export function colourForDays(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return NO_DATA_COLOUR;
  return DAY_BANDS.find((band) => days < band.upTo)!.colour;
}

export const LEVEL_COLOURS: Record<SupplyLevel, string> = {
  out: '#111827',
  critical: '#dc2626',
  low: '#f97316',
  ok: '#15803d',
};

export interface PolygonFigures {
  governorates: Governorate[];
  hospitals: number;
  onHandLitres: number;
  needLitresPerDay: number;
  /** On hand over need, across the governorates drawn as this polygon; null without need. */
  daysOfSupply: number | null;
}

/**
 * The rollup's governorates per map polygon. Sulaymaniyah and Halabja share one polygon, so
 * their litres and needs are added before dividing: an average of two ratios would be wrong.
 */
export function figuresByPolygon(rows: RollupRow[]): Map<string, PolygonFigures> {
  const byCode = new Map<string, PolygonFigures>();
  for (const row of rows) {
    if (!row.governorate || !isGovernorate(row.governorate)) continue;
    const code = GOVERNORATE_POLYGONS[row.governorate];
    const figures = byCode.get(code) ?? {
      governorates: [],
      hospitals: 0,
      onHandLitres: 0,
      needLitresPerDay: 0,
      daysOfSupply: null,
    };
    figures.governorates.push(row.governorate);
    figures.hospitals += row.hospitals;
    figures.onHandLitres += row.onHandLitres;
    figures.needLitresPerDay += row.needLitresPerDay;
    figures.daysOfSupply =
      figures.needLitresPerDay > 0 ? figures.onHandLitres / figures.needLitresPerDay : null;
    byCode.set(code, figures);
  }
  return byCode;
}

/** Today as the fills read model counts days: UTC calendar days. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Hospitals that have not reported within `days`: no census and no cylinder movement since the
 * cut-off (never reported counts as silent).
 */
export function isSilent(
  report: { lastCensusAt: string | null; lastMovementAt: string | null },
  days: number,
  now: Date,
): boolean {
  const cutOff = now.getTime() - days * 86_400_000;
  const latest = [report.lastCensusAt, report.lastMovementAt]
    .filter((value): value is string => Boolean(value))
    .map((value) => Date.parse(value));
  return latest.length === 0 || Math.max(...latest) < cutOff;
}
