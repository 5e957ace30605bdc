import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { FloatLocation, SupplierFloatView } from '../../stock.dto';
import { summarizeStock, type StockRow } from '../../stock-summary';
import { GetSupplierFloatQuery } from './get-supplier-float.query';

interface LocationRow extends StockRow {
  location_kind: 'facility' | 'trip';
  location_id: string;
}

interface FacilityInfo {
  id: string;
  name: string;
  kind: string;
  governorate: string;
  supplier_id: string | null;
}

const DAY_SECONDS = 86_400;

/**
 * The supplier float: counts from `app.stock`, and the time held per location from each
 * cylinder's `location_since` in `app.cylinder_states` (how long cylinders sit at a hospital is
 * what drives the supplier's turnaround).
 */
@QueryHandler(GetSupplierFloatQuery)
export class GetSupplierFloatHandler implements IQueryHandler<GetSupplierFloatQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ ownerId }: GetSupplierFloatQuery): Promise<SupplierFloatView> {
    const [stock, held, facilities] = await Promise.all([
      this.dataSource.query(
        `SELECT location_kind, location_id, size_code, status, count, oxygen_litres
         FROM app.stock WHERE owner_id = $1`,
        [ownerId],
      ) as Promise<LocationRow[]>,
      this.dataSource.query(
        `SELECT coalesce(facility_id, trip_id) AS location_id,
                avg(extract(epoch FROM now() - location_since))::float8 AS average_seconds,
                max(extract(epoch FROM now() - location_since))::float8 AS longest_seconds
         FROM app.cylinder_states WHERE owner_id = $1 AND status <> 'CONDEMNED'
         GROUP BY 1`,
        [ownerId],
      ) as Promise<{ location_id: string; average_seconds: number; longest_seconds: number }[]>,
      this.dataSource.query(
        `SELECT id, name, kind, governorate, supplier_id FROM app.facilities
         WHERE id IN (SELECT location_id FROM app.stock WHERE owner_id = $1)`,
        [ownerId],
      ) as Promise<FacilityInfo[]>,
    ]);
    const byLocation = new Map<string, LocationRow[]>();
    for (const row of stock) {
      const key = `${row.location_kind}:${row.location_id}`;
      byLocation.set(key, [...(byLocation.get(key) ?? []), row]);
    }
    const locations: FloatLocation[] = [...byLocation.values()].map((rows) => {
      const { location_kind: locationKind, location_id: locationId } = rows[0];
      const facility =
        locationKind === 'facility' ? facilities.find((f) => f.id === locationId) : undefined;
      const time = held.find((row) => row.location_id === locationId);
      const summary = summarizeStock(rows);
      return {
        category: categoryOf(locationKind, facility, ownerId),
        locationKind,
        locationId,
        name: facility?.name,
        governorate: facility?.governorate,
        cylinders: summary.cylinders,
        oxygenLitres: summary.oxygenLitres,
        byStatus: summary.byStatus,
        averageDaysHere: days(time?.average_seconds),
        longestDaysHere: days(time?.longest_seconds),
      };
    });
    locations.sort((a, b) => b.cylinders - a.cylinders || a.locationId.localeCompare(b.locationId));
    const byCategory = { 'own-plant': 0, hospital: 0, truck: 0, other: 0 };
    for (const location of locations) byCategory[location.category] += location.cylinders;
    return {
      ownerId,
      cylinders: locations.reduce((sum, location) => sum + location.cylinders, 0),
      byCategory,
      locations,
    };
  }
}

function categoryOf(
  locationKind: 'facility' | 'trip',
  facility: FacilityInfo | undefined,
  ownerId: string,
): FloatLocation['category'] {
  if (locationKind === 'trip') return 'truck';
  if (facility?.kind === 'hospital') return 'hospital';
  if (facility && facility.kind !== 'hospital' && facility.supplier_id === ownerId)
    return 'own-plant';
  return 'other';
}

function days(seconds: number | undefined): number {
  return seconds === undefined || seconds === null
    ? 0
    : Math.round((seconds / DAY_SECONDS) * 10) / 10;
}
