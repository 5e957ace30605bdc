import { Injectable } from '@nestjs/common';
import { type AlertSeverity, RECALL_REASON_PREFIX } from '@oxyledger/domain';
import { plantStatesOf } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import type { Role } from '../access/actor';
import { NetworkService } from '@oxyledger/network';

export const ALERT_KINDS = [
  'supply',
  'plant',
  'tests-due',
  'idle-at-hospital',
  'in-transit',
  'not-seen',
  'recall',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A condition someone must act on, found in the read models now. */
export interface AlertCondition {
  /** Names the condition: the same while it lasts, another once it changes. */
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  message: string;
  /** Who must act. */
  mustAct: Role[];
  facilityId: string | null;
  ownerId: string | null;
  tripId: string | null;
  since: string | null;
}

export const ALERT_THRESHOLDS = {
  testDueWithinDays: 30,
  idleAtHospitalDays: 7,
  inTransitHours: 12,
  /** Not seen for this many days: info, then warning, then critical (presumed lost). */
  notSeenDays: [30, 60, 90] as const,
};

const DAY_MS = 86_400_000;

/**
 * Every open alert condition: hospitals low, critical or out (from the supply levels the watcher
 * keeps); plants degraded or down; cylinders whose test is overdue or due within 30 days, idle
 * at a hospital over 7 days, on a truck over 12 hours, or not seen for 30/60/90 days (per
 * owner and place, not one alert per cylinder).
 */
@Injectable()
export class AlertConditionsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly network: NetworkService,
  ) {}

  async open(now: Date): Promise<AlertCondition[]> {
    const names = await this.facilityNames();
    const [supply, plants, tests, idle, transit, unseen, recalls] = await Promise.all([
      this.supply(names),
      this.plants(),
      this.testsDue(now),
      this.idleAtHospitals(now, names),
      this.inTransit(now),
      this.notSeen(now, names),
      this.recalled(names),
    ]);
    return [...supply, ...plants, ...tests, ...idle, ...transit, ...unseen, ...recalls];
  }

  /** Facilities by name in alert texts: people act on names, not ids. */
  private async facilityNames(): Promise<(id: string) => string> {
    const all = await this.network.allFacilities();
    const names = new Map(all.map((facility) => [facility.id, facility.name]));
    return (id) => names.get(id) ?? id;
  }

  /**
   * Whoever holds cylinders of a recalled lot (a hospital, a plant, a truck) is told to set them
   * aside, one alert per lot and holder while they are quarantined there.
   */
  private async recalled(name: (id: string) => string): Promise<AlertCondition[]> {
    const rows = (await this.dataSource.query(
      `SELECT last_fill_lot AS lot, facility_id, trip_id, owner_id, count(*)::int AS cylinders,
              min(status_since) AS since
       FROM app.cylinder_states
       WHERE status = 'QUARANTINED' AND state->>'reason' LIKE $1 AND last_fill_lot IS NOT NULL
       GROUP BY last_fill_lot, facility_id, trip_id, owner_id`,
      [`${RECALL_REASON_PREFIX}%`], // the prefix holds no LIKE wildcard
    )) as {
      lot: string;
      facility_id: string | null;
      trip_id: string | null;
      owner_id: string;
      cylinders: number;
      since: Date | null;
    }[];
    return rows.map((row) => {
      const place = row.facility_id ? name(row.facility_id) : `trip ${row.trip_id}`;
      return {
        id: `recall:${row.lot}:${row.facility_id ?? row.trip_id}`,
        kind: 'recall',
        severity: 'critical',
        message:
          `Lot ${row.lot} is recalled: ${row.cylinders} cylinder${row.cylinders === 1 ? '' : 's'} ` +
          `of ${row.owner_id} at ${place} are quarantined; take them out of use and keep them ` +
          `apart for the supplier`,
        mustAct: row.facility_id
          ? ['hospital', 'producer', 'dispatcher']
          : ['driver', 'dispatcher'],
        facilityId: row.facility_id,
        ownerId: row.owner_id,
        tripId: row.trip_id,
        since: row.since?.toISOString() ?? null,
      };
    });
  }

  private async supply(name: (id: string) => string): Promise<AlertCondition[]> {
    const rows = (await this.dataSource.query(
      `SELECT facility_id, level, days_of_supply, changed_at FROM app.supply_levels WHERE level <> 'ok'`,
    )) as { facility_id: string; level: string; days_of_supply: number | null; changed_at: Date }[];
    return rows.map((row) => ({
      id: `supply:${row.facility_id}:${row.level}`,
      kind: 'supply',
      severity: row.level === 'low' ? 'warning' : 'critical',
      message:
        row.level === 'out'
          ? `${name(row.facility_id)} has no oxygen on hand`
          : `${name(row.facility_id)} is ${row.level}: ${round(row.days_of_supply)} days of supply`,
      mustAct: ['dispatcher', 'hospital'],
      facilityId: row.facility_id,
      ownerId: null,
      tripId: null,
      since: row.changed_at.toISOString(),
    }));
  }

  private async plants(): Promise<AlertCondition[]> {
    const conditions: AlertCondition[] = [];
    const plants = await this.network.allFacilities({ kind: 'producer' });
    const states = await plantStatesOf(
      this.dataSource,
      plants.map((plant) => plant.id),
    );
    for (const plant of plants) {
      const state = states.get(plant.id)!;
      if (state.status === 'running') continue;
      conditions.push({
        id: `plant:${plant.id}:${state.status}`,
        kind: 'plant',
        severity: state.status === 'down' ? 'critical' : 'warning',
        message: `${plant.name} is ${state.status}: ${state.reason ?? 'no reason given'}`,
        mustAct: ['producer', 'dispatcher'],
        facilityId: plant.id,
        ownerId: plant.supplierId,
        tripId: null,
        since: state.statusSince,
      });
    }
    return conditions;
  }

  private async testsDue(now: Date): Promise<AlertCondition[]> {
    const today = now.toISOString().slice(0, 10);
    const limit = new Date(now.getTime() + ALERT_THRESHOLDS.testDueWithinDays * DAY_MS)
      .toISOString()
      .slice(0, 10);
    const rows = (await this.dataSource.query(
      `SELECT owner_id, count(*)::int AS due, count(*) FILTER (WHERE next_test_due < $2::date)::int AS overdue,
              min(next_test_due)::text AS earliest
       FROM app.cylinder_states
       WHERE status NOT IN ('CONDEMNED', 'LOST') AND next_test_due <= $1::date
       GROUP BY owner_id`,
      [limit, today],
    )) as { owner_id: string; due: number; overdue: number; earliest: string }[];
    return rows.map((row) => ({
      id: `tests-due:${row.owner_id}:${row.overdue > 0 ? 'overdue' : 'due'}`,
      kind: 'tests-due',
      severity: row.overdue > 0 ? 'critical' : 'warning',
      message:
        `${row.due} cylinders of ${row.owner_id} due for their periodic test within ` +
        `${ALERT_THRESHOLDS.testDueWithinDays} days, ${row.overdue} overdue (cannot be filled)`,
      mustAct: ['producer'],
      facilityId: null,
      ownerId: row.owner_id,
      tripId: null,
      since: row.earliest,
    }));
  }

  private async idleAtHospitals(
    now: Date,
    name: (id: string) => string,
  ): Promise<AlertCondition[]> {
    const rows = (await this.dataSource.query(
      `SELECT facility_id, owner_id, count(*)::int AS idle, min(location_since) AS since
       FROM app.cylinder_states
       WHERE facility_kind = 'hospital' AND status IN ('FULL', 'EMPTY') AND location_since < $1
       GROUP BY facility_id, owner_id`,
      [new Date(now.getTime() - ALERT_THRESHOLDS.idleAtHospitalDays * DAY_MS)],
    )) as { facility_id: string; owner_id: string; idle: number; since: Date }[];
    return rows.map((row) => ({
      id: `idle-at-hospital:${row.facility_id}:${row.owner_id}`,
      kind: 'idle-at-hospital',
      severity: 'warning',
      message: `${row.idle} cylinders of ${row.owner_id} idle at ${name(row.facility_id)} for over ${ALERT_THRESHOLDS.idleAtHospitalDays} days`,
      mustAct: ['dispatcher', 'hospital'],
      facilityId: row.facility_id,
      ownerId: row.owner_id,
      tripId: null,
      since: row.since.toISOString(),
    }));
  }

  private async inTransit(now: Date): Promise<AlertCondition[]> {
    const rows = (await this.dataSource.query(
      `SELECT trip_id, owner_id, count(*)::int AS cylinders, min(location_since) AS since
       FROM app.cylinder_states WHERE status = 'IN_TRANSIT' AND location_since < $1
       GROUP BY trip_id, owner_id`,
      [new Date(now.getTime() - ALERT_THRESHOLDS.inTransitHours * 3_600_000)],
    )) as { trip_id: string; owner_id: string; cylinders: number; since: Date }[];
    return rows.map((row) => ({
      id: `in-transit:${row.trip_id}`,
      kind: 'in-transit',
      severity: 'warning',
      message: `${row.cylinders} cylinders on trip ${row.trip_id} for over ${ALERT_THRESHOLDS.inTransitHours} hours`,
      mustAct: ['dispatcher', 'driver'],
      facilityId: null,
      ownerId: row.owner_id,
      tripId: row.trip_id,
      since: row.since.toISOString(),
    }));
  }

  private async notSeen(now: Date, name: (id: string) => string): Promise<AlertCondition[]> {
    const [first, second, third] = ALERT_THRESHOLDS.notSeenDays;
    const rows = (await this.dataSource.query(
      `SELECT owner_id, coalesce(facility_id, trip_id) AS place,
              CASE WHEN last_event_at < $3 THEN ${third} WHEN last_event_at < $2 THEN ${second}
                   ELSE ${first} END AS days,
              count(*)::int AS cylinders, min(last_event_at) AS since
       FROM app.cylinder_states
       WHERE status NOT IN ('CONDEMNED', 'LOST') AND last_event_at < $1
       GROUP BY 1, 2, 3`,
      [first, second, third].map((days) => new Date(now.getTime() - days * DAY_MS)),
    )) as { owner_id: string; place: string; days: number; cylinders: number; since: Date }[];
    return rows.map((row) => ({
      id: `not-seen:${row.owner_id}:${row.place}:${row.days}`,
      kind: 'not-seen',
      severity: row.days >= third ? 'critical' : row.days >= second ? 'warning' : 'info',
      message:
        `${row.cylinders} cylinders of ${row.owner_id} last seen at ${name(row.place)} over ${row.days} days ago` +
        (row.days >= third ? ': presumed lost' : ''),
      mustAct: ['producer', 'dispatcher'],
      facilityId: null,
      ownerId: row.owner_id,
      tripId: null,
      since: row.since.toISOString(),
    }));
  }
}

/** Rounded down, so that 1.96 days (critical: under 2) does not read as 2. */
function round(days: number | null): string {
  return days === null ? '—' : (Math.floor(days * 10) / 10).toString();
}
