import { Injectable } from '@nestjs/common';
import {
  decideRecallChunk,
  evolveLotRecall,
  isLotRecallEvent,
  type LotRecall,
  LotHasNoCylinders,
  lotRecallStreamName,
  nextRecallChunk,
  startLotRecall,
} from '@oxyledger/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { assertMayActForSupplier, ForbiddenActionError } from '../access/authorization';
import type { CommandContext } from '../ledger/command-context';
import { LedgerStore } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';

/** Cylinders quarantined per atomic append: a bounded transaction whatever the lot's size. */
export const RECALL_CHUNK_SIZE = 100;

/**
 * Runs a lot recall: fixes the lot's cylinders in the recall's stream, then quarantines them
 * chunk by chunk, each chunk's record and quarantines in one append checked against the
 * revisions read. Starting a recall that exists resumes it, so a recall cut short by a crash
 * (or a lost connection) is finished by asking again — or by `LotRecallResumer` at the next
 * start-up — and nothing is quarantined twice.
 */
@Injectable()
export class LotRecallService {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly dataSource: DataSource,
    private readonly network: NetworkService,
  ) {}

  /** The recall as recorded, or `null`. */
  async load(lot: string): Promise<{ state: LotRecall | null; revision: number | undefined }> {
    return this.ledger.loadAggregate(
      lotRecallStreamName(lot),
      isLotRecallEvent,
      evolveLotRecall,
      null as LotRecall | null,
    );
  }

  /** Starts the recall (or finds it started) and runs it to the end. */
  async recall(lot: string, reason: string, context: CommandContext): Promise<LotRecall> {
    await this.start(lot, reason, context);
    return this.proceed(lot, context);
  }

  async start(lot: string, reason: string, context: CommandContext): Promise<void> {
    const fills = (await this.dataSource.query(
      `SELECT DISTINCT serial, plant_id FROM app.lot_fills WHERE lot = $1`,
      [lot],
    )) as { serial: string; plant_id: string }[];
    if (fills.length === 0) throw new LotHasNoCylinders(lot);
    await this.assertMayRecall(context.actor, lot, [...new Set(fills.map((f) => f.plant_id))]);
    await this.ledger.withRetryOnConflict(async () => {
      const { state, revision } = await this.load(lot);
      const events = startLotRecall(state, {
        lot,
        reason,
        serials: fills.map((fill) => fill.serial),
        at: context.occurredAt,
      });
      const streamName = lotRecallStreamName(lot);
      await this.ledger.append(
        [{ streamName, events }],
        new Map([[streamName, revision]]),
        context,
      );
    });
  }

  /** Runs up to `maxChunks` more chunks (all that are left by default). */
  async proceed(
    lot: string,
    context: CommandContext,
    { maxChunks = Infinity, chunkSize = RECALL_CHUNK_SIZE } = {},
  ): Promise<LotRecall> {
    for (let chunks = 0; chunks < maxChunks; chunks++) {
      const done = await this.ledger.withRetryOnConflict(async () => {
        const { state, revision } = await this.load(lot);
        if (state === null) throw new LotHasNoCylinders(lot);
        if (state.completedAt !== null) return true;
        const chunk = nextRecallChunk(state, chunkSize);
        const { states, revisions } = await this.ledger.loadCylinders(chunk);
        revisions.set(lotRecallStreamName(lot), revision);
        const decision = decideRecallChunk(state, chunk, states, new Date().toISOString());
        await this.ledger.append(decision.streams, revisions, context);
        return decision.recall.some((event) => event.type === 'LotRecallCompleted');
      });
      if (done) break;
    }
    return (await this.load(lot)).state!;
  }

  /** The suppliers whose plants filled the lot. */
  async suppliersOf(lot: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT f.supplier_id FROM app.lot_fills l JOIN app.facilities f ON f.id = l.plant_id
       WHERE l.lot = $1`,
      [lot],
    )) as { supplier_id: string }[];
    return rows.map((row) => row.supplier_id);
  }

  /**
   * The producer that filled the lot (every fill of it at their plant), a dispatcher of the
   * supplier whose plants filled it (or a national one), or an admin.
   */
  private async assertMayRecall(actor: Actor, lot: string, plantIds: string[]): Promise<void> {
    if (actor.role === 'admin') return;
    if (actor.role === 'producer') {
      if (plantIds.length === 1 && plantIds[0] === actor.facilityId) return;
      throw new ForbiddenActionError(
        'access.facility-scope',
        `Lot ${lot} was filled at ${plantIds.join(', ')}: a producer recalls only lots filled at their own plant (${actor.facilityId ?? 'none'})`,
      );
    }
    for (const plantId of plantIds) {
      const plant = await this.network.getFacility(plantId);
      assertMayActForSupplier(actor, plant.supplierId ?? undefined);
    }
  }
}
