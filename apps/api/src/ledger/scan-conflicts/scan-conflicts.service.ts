import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  evolveScanConflict,
  fromStoredEvent,
  isScanConflictEvent,
  resolveScanConflict,
  type ScanConflict,
  type ScanConflictRecorded,
  scanConflictStreamName,
} from '@oxyledger/domain';
import { EVENT_STORE, type EventStore, type Position } from '@oxyledger/event-store';
import type { Actor } from '../../access/actor';
import { assertMayActForSupplier } from '../../access/authorization';
import { NetworkService } from '@oxyledger/network';
import { toHttpError } from '../../shared/http/http-error';
import type { CommandContext } from '../command-context';
import { LedgerStore } from '@oxyledger/ledger';

const PREFIX = 'scan-conflict-';

export class ScanConflictNotFoundError extends Error {
  readonly httpStatus = HttpStatus.NOT_FOUND;
  readonly code = 'scan-conflict.not-found';
  constructor(conflictId: string) {
    super(`No scan conflict ${conflictId}`);
  }
}

/** The review queue of offline confirmations the ledger refused. */
@Injectable()
export class ScanConflictsService {
  constructor(
    private readonly ledger: LedgerStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly network: NetworkService,
  ) {}

  /**
   * A delivery confirmed offline (the device sent `occurredAt`) and refused because the
   * cylinders were meanwhile recorded elsewhere is kept for review rather than lost.
   * Returns `undefined` for any other refusal, which the caller then answers as usual.
   */
  async keepIfConflict(
    error: unknown,
    report: { tripId: string; facilityId: string; body: Record<string, unknown> },
    context: CommandContext,
    offline: boolean,
  ): Promise<ScanConflict | undefined> {
    const refusal = toHttpError(error);
    if (!offline || refusal?.status !== HttpStatus.CONFLICT) return undefined;
    const conflictId = randomUUID();
    const event: ScanConflictRecorded = {
      type: 'ScanConflictRecorded',
      version: 1,
      data: {
        conflictId,
        tripId: report.tripId,
        facilityId: report.facilityId,
        report: report.body,
        refusal: refusal.body,
        occurredAt: context.occurredAt,
        at: new Date().toISOString(),
      },
    };
    const streamName = scanConflictStreamName(conflictId);
    await this.ledger.append([{ streamName, events: [event] }], new Map(), context);
    return evolveScanConflict(null, event)!;
  }

  /** A supplier's dispatcher sees only the conflicts of that supplier's trips. */
  async list(status: 'open' | 'resolved' | 'all', actor: Actor): Promise<ScanConflict[]> {
    const all = await this.listAll(status);
    if (actor.role !== 'dispatcher' || actor.supplierId === undefined) return all;
    const suppliers = new Map<string, string | undefined>();
    for (const tripId of new Set(all.map((conflict) => conflict.tripId))) {
      suppliers.set(tripId, await this.supplierOfTrip(tripId));
    }
    return all.filter((conflict) => suppliers.get(conflict.tripId) === actor.supplierId);
  }

  private async supplierOfTrip(tripId: string): Promise<string | undefined> {
    const { state } = await this.ledger.loadTrip(tripId);
    if (state.status === 'NOT_CREATED') return undefined;
    if (state.supplierId !== null) return state.supplierId;
    return (await this.network.findVehicle(state.vehicleId))?.supplierId;
  }

  private async listAll(status: 'open' | 'resolved' | 'all'): Promise<ScanConflict[]> {
    const conflicts = new Map<string, ScanConflict | null>();
    let after: Position | 'start' = 'start';
    for (;;) {
      const page = await this.store.readAll({
        after,
        maxCount: 1_000,
        filter: { streamPrefixes: [PREFIX] },
      });
      for (const recorded of page) {
        const event = fromStoredEvent(recorded);
        if (!isScanConflictEvent(event)) continue;
        const id = recorded.streamName.slice(PREFIX.length);
        conflicts.set(id, evolveScanConflict(conflicts.get(id) ?? null, event));
      }
      if (page.length < 1_000) break;
      after = page[page.length - 1].position;
    }
    return [...conflicts.values()]
      .filter((c): c is ScanConflict => c !== null)
      .filter((c) => status === 'all' || (status === 'open') === (c.resolution === null))
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  }

  async resolve(
    conflictId: string,
    resolution: unknown,
    note: unknown,
    context: CommandContext,
  ): Promise<ScanConflict> {
    const { state, revision } = await this.ledger.loadAggregate(
      scanConflictStreamName(conflictId),
      isScanConflictEvent,
      evolveScanConflict,
      null as ScanConflict | null,
    );
    if (!state) throw new ScanConflictNotFoundError(conflictId);
    assertMayActForSupplier(context.actor, await this.supplierOfTrip(state.tripId));
    const events = resolveScanConflict(state, resolution, note, context.occurredAt);
    const streamName = scanConflictStreamName(conflictId);
    await this.ledger.append([{ streamName, events }], new Map([[streamName, revision]]), context);
    return events.reduce(evolveScanConflict, state)!;
  }
}
