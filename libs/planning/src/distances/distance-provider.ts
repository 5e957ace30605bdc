/** A place on the map, as the network's master data gives it. */
export interface MapPoint {
  latitude: number;
  longitude: number;
}

/** Road distances (km) and driving times (minutes) between every pair of points, in order. */
export interface TravelMatrix {
  distanceKm: number[][];
  durationMinutes: number[][];
}

/** Where the planner gets travel distances and times: a port, with adapters at the edge. */
export const DISTANCE_PROVIDER = Symbol('DISTANCE_PROVIDER');

export interface DistanceProvider {
  matrix(points: readonly MapPoint[]): Promise<TravelMatrix>;
}
