import type { EntityManager } from 'typeorm';
import { columnArrays } from '../column-arrays';
import { type StockBucket } from './stock-bucket';

interface Movement {
  facilityId: string;
  at: string;
  ownerId: string;
  sizeCode: string;
  status: string;
  count: number;
  oxygenLitres: number;
}

/**
 * Changes of each facility's stock by the instant they happened (the event's `at`), summed per
 * instant and bucket: a manifold's fill or a delivery is one row, not one per cylinder. Stock
 * at a past instant is the sum of a facility's rows up to it (`stockAtSql`).
 */
export class StockMovements {
  private readonly movements = new Map<string, Movement>();

  move(from: StockBucket | null, to: StockBucket | null, at: string): void {
    if (from?.locationKind === 'facility') this.add(from, at, -1);
    if (to?.locationKind === 'facility') this.add(to, at, 1);
  }

  async save(transaction: EntityManager): Promise<void> {
    const rows = [...this.movements.values()].filter(
      (row) => row.count !== 0 || row.oxygenLitres !== 0,
    );
    if (rows.length === 0) return;
    await transaction.query(
      `INSERT INTO stock_movements AS m (facility_id, at, owner_id, size_code, status, count,
         oxygen_litres)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[],
         $6::integer[], $7::bigint[])
       ON CONFLICT (facility_id, at, owner_id, size_code, status) DO UPDATE SET
         count = m.count + EXCLUDED.count, oxygen_litres = m.oxygen_litres + EXCLUDED.oxygen_litres`,
      columnArrays(rows, [
        'facilityId',
        'at',
        'ownerId',
        'sizeCode',
        'status',
        'count',
        'oxygenLitres',
      ]),
    );
  }

  private add(bucket: StockBucket, at: string, sign: 1 | -1): void {
    const key = [bucket.locationId, at, bucket.ownerId, bucket.sizeCode, bucket.status].join(
      '\u0000',
    );
    const row = this.movements.get(key) ?? {
      facilityId: bucket.locationId,
      at,
      ownerId: bucket.ownerId,
      sizeCode: bucket.sizeCode,
      status: bucket.status,
      count: 0,
      oxygenLitres: 0,
    };
    row.count += sign;
    row.oxygenLitres += sign * bucket.oxygenLitres;
    this.movements.set(key, row);
  }
}
