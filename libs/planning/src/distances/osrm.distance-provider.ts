import type { DistanceProvider, MapPoint, TravelMatrix } from './distance-provider';

/**
 * OSRM's table service (`/table/v1/driving/...?annotations=distance,duration`), used when
 * `OSRM_URL` is set: real road distances and times instead of the great-circle estimate.
 */
export class OsrmDistanceProvider implements DistanceProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async matrix(points: readonly MapPoint[]): Promise<TravelMatrix> {
    if (points.length === 0) return { distanceKm: [], durationMinutes: [] };
    const coordinates = points.map((p) => `${p.longitude},${p.latitude}`).join(';');
    const url = `${this.baseUrl.replace(/\/$/, '')}/table/v1/driving/${coordinates}?annotations=distance,duration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok)
      throw new Error(`OSRM table service answered ${response.status} for ${points.length} points`);
    const body = (await response.json()) as {
      code: string;
      distances?: (number | null)[][];
      durations?: (number | null)[][];
      message?: string;
    };
    if (body.code !== 'Ok' || !body.distances || !body.durations) {
      throw new Error(`OSRM table service refused: ${body.code} ${body.message ?? ''}`.trim());
    }
    const unreachable = (value: number | null, a: number, b: number) => {
      if (value === null) throw new Error(`OSRM finds no road between points ${a} and ${b}`);
      return value;
    };
    return {
      distanceKm: body.distances.map((row, a) => row.map((m, b) => unreachable(m, a, b) / 1000)),
      durationMinutes: body.durations.map((row, a) => row.map((s, b) => unreachable(s, a, b) / 60)),
    };
  }
}
