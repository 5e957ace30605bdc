import { HttpStatus, Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  cylinderStreamName,
  type CylinderState,
  evolveCylinder,
  fromStoredEvent,
  initialCylinderState,
  isCylinderEvent,
  STANDARD_CYLINDER_CONFIG,
} from '@oxyledger/domain';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { stockBucketOf } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { NetworkService } from '@oxyledger/network';
import { FacilityStockReader } from '../../facility-stock.reader';
import type { FacilityStockView } from '../../stock.dto';
import { type StockRow, summarizeStock } from '../../stock-summary';
import { GetFacilityStockQuery } from './get-facility-stock.query';

export class FutureInstantError extends Error {
  readonly httpStatus = HttpStatus.BAD_REQUEST;
  readonly code = 'stock.at-in-future';
  constructor(at: string) {
    super(`at (${at}) is in the future: stock can be recomputed for past instants only`);
  }
}

/** Streams read at once when recomputing past stock. */
const READ_CONCURRENCY = 16;

@QueryHandler(GetFacilityStockQuery)
export class GetFacilityStockHandler implements IQueryHandler<GetFacilityStockQuery> {
  constructor(
    private readonly network: NetworkService,
    private readonly stock: FacilityStockReader,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ facilityId, filter, at }: GetFacilityStockQuery): Promise<FacilityStockView> {
    const facility = await this.network.getFacility(facilityId);
    const header = {
      facilityId: facility.id,
      name: facility.name,
      kind: facility.kind,
      governorate: facility.governorate,
    };
    if (at === undefined) {
      const stock = await this.stock.stockOf([facility.id], filter);
      return { ...header, source: 'read-model', ...stock.get(facility.id)! };
    }
    const instant = new Date(at);
    if (instant.getTime() > Date.now()) throw new FutureInstantError(at);
    return {
      ...header,
      at: instant.toISOString(),
      source: 'ledger',
      ...(await this.stockAt(facility.id, instant, filter)),
    };
  }

  /**
   * Replays, up to `at`, the streams of every cylinder that was ever at the facility by then
   * (`app.cylinder_visits` only narrows which streams to read; the ledger decides the answer).
   * A stream is replayed while its events happened at or before `at`.
   */
  private async stockAt(facilityId: string, at: Date, filter: GetFacilityStockQuery['filter']) {
    const visits = (await this.dataSource.query(
      'SELECT serial FROM app.cylinder_visits WHERE facility_id = $1 AND first_at <= $2',
      [facilityId, at],
    )) as { serial: string }[];
    const rows: StockRow[] = [];
    const queue = visits.map((visit) => visit.serial);
    const worker = async () => {
      for (let serial = queue.pop(); serial !== undefined; serial = queue.pop()) {
        const state = await this.stateAt(serial, at);
        const bucket = stockBucketOf(state, STANDARD_CYLINDER_CONFIG.sizes);
        if (!bucket || bucket.locationKind !== 'facility' || bucket.locationId !== facilityId)
          continue;
        if (filter.ownerId !== undefined && bucket.ownerId !== filter.ownerId) continue;
        if (filter.sizeCode !== undefined && bucket.sizeCode !== filter.sizeCode) continue;
        if (filter.status !== undefined && bucket.status !== filter.status) continue;
        rows.push({
          size_code: bucket.sizeCode,
          status: bucket.status,
          count: 1,
          oxygen_litres: bucket.oxygenLitres,
        });
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    return summarizeStock(rows);
  }

  private async stateAt(serial: string, at: Date): Promise<CylinderState> {
    let state = initialCylinderState();
    for (const recorded of await this.store.readStream(cylinderStreamName(serial))) {
      const event = fromStoredEvent(recorded);
      if (!isCylinderEvent(event)) continue;
      if (new Date(event.data.at).getTime() > at.getTime()) break;
      state = evolveCylinder(state, event);
    }
    return state;
  }
}
