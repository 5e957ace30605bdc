import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import {
  evolveScanConflict,
  isScanConflictEvent,
  resolveScanConflict,
  type ScanConflict,
  type ScanConflictRecorded,
  scanConflictStreamName,
} from '@oxyledger/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../../access/actor';
import { assertMayActForSupplier } from '../../access/authorization';
import { NetworkService } from '@oxyledger/network';
import { toHttpError } from '../../shared/http/http-error';
import { SqlFilter } from '../../supply/supply-scope';
import type { CommandContext } from '../command-context';
import { LedgerStore } from '@oxyledger/ledger';

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
    private readonly dataSource: DataSource,
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

  /**
   * A page of the review queue, oldest first, from the `scan_conflicts` read model. A supplier's
   * dispatcher sees only the conflicts of that supplier's trips (the trip's truck is the
   * supplier's: `checkTripAssignment`).
   */
  async list(
    status: 'open' | 'resolved' | 'all',
    tripId: string | undefined,
    actor: Actor,
    page: { page: number; pageSize: number },
  ): Promise<{ items: ScanConflict[]; page: number; pageSize: number; total: number }> {
    const where = new SqlFilter();
    if (status !== 'all') where.add('c.resolved = ?', status === 'resolved');
    where.add('c.trip_id = ?', tripId);
    if (actor.role === 'dispatcher' && actor.supplierId !== undefined) {
      where.add(
        `EXISTS (SELECT 1 FROM app.trips t JOIN app.vehicles v ON v.id = t.vehicle_id
                 WHERE t.trip_id = c.trip_id AND v.supplier_id = ?)`,
        actor.supplierId,
      );
    }
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM app.scan_conflicts c WHERE ${where.where}`,
      where.params,
    )) as { total: number }[];
    const limit = where.param(page.pageSize);
    const offset = where.param((page.page - 1) * page.pageSize);
    const rows = (await this.dataSource.query(
      `SELECT c.state FROM app.scan_conflicts c WHERE ${where.where}
       ORDER BY c.recorded_at, c.key LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    )) as { state: ScanConflict }[];
    return { items: rows.map((row) => row.state), ...page, total };
  }

  private async supplierOfTrip(tripId: string): Promise<string | undefined> {
    const { state } = await this.ledger.loadTrip(tripId);
    if (state.status === 'NOT_CREATED') return undefined;
    if (state.supplierId !== null) return state.supplierId;
    return (await this.network.findVehicle(state.vehicleId))?.supplierId;
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
