import { Injectable } from '@nestjs/common';
import type { TripRecord } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
import { SqlFilter, type SupplyScope } from '../supply-scope';
import type { TripListQuery, TripPage, TripView } from './trip-view.dto';

/** Pages and single trips of the `trips` read model, within the reader's scope. */
@Injectable()
export class TripReader {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: TripListQuery, scope: SupplyScope): Promise<TripPage> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
    const where = scoped(scope)
      .add('status = ?', filter.status)
      .add('vehicle_id = ?', filter.vehicleId)
      .add('driver_id = ?', filter.driverId)
      .add('(origin_id = ? OR stop_facility_ids @> ARRAY[?::text])', filter.facilityId);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM app.trips WHERE ${where.where}`,
      where.params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT record FROM app.trips WHERE ${where.where}
       ORDER BY planned_at DESC, trip_id
       LIMIT ${where.param(pageSize)} OFFSET ${where.param((page - 1) * pageSize)}`,
      where.params,
    )) as { record: TripRecord }[];
    return { page, pageSize, total, items: rows.map(({ record }) => toView(record)) };
  }

  /** `undefined` when there is no such trip or it is outside the scope. */
  async find(tripId: string, scope: SupplyScope): Promise<TripView | undefined> {
    const [record] = await this.records(scope, new SqlFilter().add('trip_id = ?', tripId));
    return record && toView(record);
  }

  /** The read model's records of the trips in scope matching `where` (columns of app.trips). */
  async records(scope: SupplyScope, where: SqlFilter): Promise<TripRecord[]> {
    const conditions = scoped(scope, where);
    const rows = (await this.dataSource.query(
      `SELECT record FROM app.trips WHERE ${conditions.where} ORDER BY completed_at, trip_id`,
      conditions.params,
    )) as { record: TripRecord }[];
    return rows.map((row) => row.record);
  }
}

function scoped(scope: SupplyScope, where = new SqlFilter()): SqlFilter {
  switch (scope.kind) {
    case 'national':
      return where;
    case 'facility':
      return where.add('(origin_id = ? OR stop_facility_ids @> ARRAY[?::text])', scope.facilityId);
    case 'owner':
      return where.add(
        'origin_id IN (SELECT id FROM app.facilities WHERE supplier_id = ?)',
        scope.ownerId,
      );
    case 'driver':
      return where.add('driver_id = ?', scope.driverUserId);
  }
}

function toView(record: TripRecord): TripView {
  if (record.state.status === 'NOT_CREATED')
    throw new Error(`Trip ${record.tripId} has no TripCreated`);
  const trip = record.state;
  return {
    tripId: record.tripId,
    status: trip.status,
    originId: trip.origin.id,
    vehicleId: trip.vehicleId,
    driverId: trip.driverId,
    plannedAt: trip.plannedAt,
    completedAt: record.completedAt,
    updatedAt: record.updatedAt,
    onBoard: trip.onBoard.length,
    loaded: record.loaded,
    stops: record.stops,
    unloaded: record.unloaded,
    missingSerials: trip.missingSerials,
  };
}
