import { Injectable, NotFoundException } from '@nestjs/common';
import type { RoutePlanRecord } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import type { TripManifest } from './trip-manifest';

/** A trip's manifest, from the route plan whose approval created it. */
@Injectable()
export class TripManifestReader {
  constructor(private readonly dataSource: DataSource) {}

  async manifest(tripId: string): Promise<TripManifest> {
    const [row] = (await this.dataSource.query(
      `SELECT record FROM app.route_plans
        WHERE status = 'approved' AND record->'trips' @> jsonb_build_array(jsonb_build_object('tripId', $1::text))`,
      [tripId],
    )) as { record: RoutePlanRecord }[];
    const routeId = row?.record.trips.find((trip) => trip.tripId === tripId)?.routeId;
    const route = row?.record.routes.find((r) => r.routeId === routeId);
    if (!row || !route) {
      throw new NotFoundException(
        `trip ${tripId} was not created from a route plan, so it has no planned manifest`,
      );
    }
    const ids = [route.originFacilityId, ...route.stops.map((stop) => stop.facilityId)];
    const names = new Map(
      (
        (await this.dataSource.query('SELECT id, name FROM app.facilities WHERE id = ANY($1)', [
          ids,
        ])) as { id: string; name: string }[]
      ).map((f) => [f.id, f.name]),
    );
    return {
      tripId,
      planId: row.record.planId,
      routeId: route.routeId,
      vehicleId: route.vehicleId,
      driverId: route.driverId,
      origin: {
        facilityId: route.originFacilityId,
        name: names.get(route.originFacilityId) ?? route.originFacilityId,
      },
      departureAt: route.departureAt,
      returnAt: route.returnAt,
      distanceKm: route.distanceKm,
      loadAtOrigin: route.loadAtOrigin,
      stops: route.stops.map((stop, k) => ({
        sequence: k + 1,
        facilityId: stop.facilityId,
        name: names.get(stop.facilityId) ?? stop.facilityId,
        arrivalAt: stop.arrivalAt,
        serviceStartsAt: stop.serviceStartsAt,
        departureAt: stop.departureAt,
        deliver: stop.deliver,
        collect: stop.collect,
      })),
    };
  }
}
