import { ApiProperty } from '@nestjs/swagger';
import { STOCK_STATUSES, type StockStatus } from '@oxyledger/read-models';

export type CountsByStatus = Record<StockStatus, number>;

export class SizeStock {
  @ApiProperty({ example: 'J' })
  sizeCode!: string;

  @ApiProperty()
  cylinders!: number;

  @ApiProperty({ description: 'Oxygen in the full cylinders (litres of gas).' })
  oxygenLitres!: number;

  @ApiProperty({
    example: { FULL: 4, IN_USE: 2, EMPTY: 7, IN_TRANSIT: 0, QUARANTINED: 0, LOST: 0 },
  })
  byStatus!: CountsByStatus;
}

/** Counts and oxygen of a set of cylinders, per status and per size. */
export class StockSummary {
  @ApiProperty({ description: 'Cylinders counted (every status but condemned).' })
  cylinders!: number;

  @ApiProperty({ description: 'Oxygen in the full cylinders (litres of gas).' })
  oxygenLitres!: number;

  @ApiProperty({
    example: { FULL: 4, IN_USE: 2, EMPTY: 7, IN_TRANSIT: 0, QUARANTINED: 0, LOST: 0 },
  })
  byStatus!: CountsByStatus;

  @ApiProperty({ type: [SizeStock] })
  bySize!: SizeStock[];
}

/** A row of `app.stock` summed over some dimension. */
export interface StockRow {
  size_code: string;
  status: string;
  count: number | string;
  oxygen_litres: number | string;
}

export function emptyByStatus(): CountsByStatus {
  return Object.fromEntries(STOCK_STATUSES.map((status) => [status, 0])) as CountsByStatus;
}

export function summarizeStock(rows: readonly StockRow[]): StockSummary {
  const summary: StockSummary = {
    cylinders: 0,
    oxygenLitres: 0,
    byStatus: emptyByStatus(),
    bySize: [],
  };
  const sizes = new Map<string, SizeStock>();
  for (const row of rows) {
    const count = Number(row.count);
    const litres = Number(row.oxygen_litres);
    const status = row.status as StockStatus;
    const size =
      sizes.get(row.size_code) ??
      sizes
        .set(row.size_code, {
          sizeCode: row.size_code,
          cylinders: 0,
          oxygenLitres: 0,
          byStatus: emptyByStatus(),
        })
        .get(row.size_code)!;
    for (const total of [summary, size]) {
      total.cylinders += count;
      total.oxygenLitres += litres;
      total.byStatus[status] = (total.byStatus[status] ?? 0) + count;
    }
  }
  summary.bySize = [...sizes.values()].sort((a, b) => a.sizeCode.localeCompare(b.sizeCode));
  return summary;
}
