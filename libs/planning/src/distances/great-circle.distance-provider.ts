import { distanceKm } from '@oxyledger/domain';
import type { DistanceProvider, MapPoint, TravelMatrix } from './distance-provider';

export interface GreatCircleSettings {
  /** Road kilometres per straight-line kilometre. */
  circuity: number;
  averageSpeedKmPerHour: number;
}

/** The default: great-circle distance times a road-circuity factor, at an average speed. */
export class GreatCircleDistanceProvider implements DistanceProvider {
  constructor(private readonly settings: GreatCircleSettings) {}

  async matrix(points: readonly MapPoint[]): Promise<TravelMatrix> {
    const { circuity, averageSpeedKmPerHour } = this.settings;
    const distance = points.map((a) => points.map((b) => round(distanceKm(a, b) * circuity)));
    return {
      distanceKm: distance,
      durationMinutes: distance.map((row) =>
        row.map((km) => round((km / averageSpeedKmPerHour) * 60)),
      ),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
