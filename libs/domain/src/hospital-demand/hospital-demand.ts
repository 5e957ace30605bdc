import { Decider } from '../shared/decider';
import { InvalidCommand } from '../shared/domain-error';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';
import { requireId, requireInstant } from '../shared/validation';
import { BED_KINDS, BedKind, Census } from '../supply/oxygen-need';

/**
 * A hospital's demand profile: its beds by kind and the latest census of patients on oxygen.
 * One stream per hospital; the hospital's staff (or an admin) keep it current.
 */

export type Beds = Record<BedKind, number>;

export const HospitalDemandEventType = {
  BedsSet: 'HospitalBedsSet',
  CensusReported: 'OxygenCensusReported',
} as const;

export type HospitalBedsSet = VersionedEvent<
  typeof HospitalDemandEventType.BedsSet,
  { facilityId: string; beds: Beds; at: IsoInstant }
>;

export type OxygenCensusReported = VersionedEvent<
  typeof HospitalDemandEventType.CensusReported,
  { facilityId: string; severe: number; critical: number; at: IsoInstant }
>;

export type HospitalDemandEvent = HospitalBedsSet | OxygenCensusReported;

export const HOSPITAL_DEMAND_EVENT_VERSIONS: Readonly<Record<HospitalDemandEvent['type'], number>> =
  { HospitalBedsSet: 1, OxygenCensusReported: 1 };

export type HospitalDemandCommand =
  | { type: 'SetHospitalBeds'; data: { facilityId: string; beds: Beds; at: IsoInstant } }
  | {
      type: 'ReportOxygenCensus';
      data: { facilityId: string; severe: number; critical: number; at: IsoInstant };
    };

export interface HospitalDemand {
  beds: Beds | null;
  bedsSetAt: IsoInstant | null;
  census: (Census & { at: IsoInstant }) | null;
}

export function hospitalDemandStreamName(facilityId: string): string {
  return `hospital-demand-${facilityId}`;
}

/** More than any hospital has: a typo, not a hospital. */
export const MAX_BEDS_PER_KIND = 20_000;

export function initialHospitalDemand(): HospitalDemand {
  return { beds: null, bedsSetAt: null, census: null };
}

export function decideHospitalDemand(
  command: HospitalDemandCommand,
  state: HospitalDemand,
): HospitalDemandEvent[] {
  const facilityId = requireId(command.data.facilityId, 'facilityId');
  const at = requireInstant(command.data.at, 'at');
  switch (command.type) {
    case 'SetHospitalBeds': {
      const beds = Object.fromEntries(
        BED_KINDS.map((kind) => [kind, requireCount(command.data.beds?.[kind], `beds.${kind}`)]),
      ) as Beds;
      if (state.beds && BED_KINDS.every((kind) => state.beds![kind] === beds[kind])) return [];
      return [
        { type: HospitalDemandEventType.BedsSet, version: 1, data: { facilityId, beds, at } },
      ];
    }
    case 'ReportOxygenCensus': {
      const severe = requireCount(command.data.severe, 'severe');
      const critical = requireCount(command.data.critical, 'critical');
      return [
        {
          type: HospitalDemandEventType.CensusReported,
          version: 1,
          data: { facilityId, severe, critical, at },
        },
      ];
    }
  }
}

/**
 * Beds as last set. The census shown is the one taken latest (`at`): a report queued offline
 * and sent after a newer one is recorded, but does not replace it.
 */
export function evolveHospitalDemand(
  state: HospitalDemand,
  event: HospitalDemandEvent,
): HospitalDemand {
  switch (event.type) {
    case HospitalDemandEventType.BedsSet:
      return { ...state, beds: { ...event.data.beds }, bedsSetAt: event.data.at };
    case HospitalDemandEventType.CensusReported: {
      const { severe, critical, at } = event.data;
      if (state.census && Date.parse(state.census.at) > Date.parse(at)) return state;
      return { ...state, census: { severe, critical, at } };
    }
  }
}

export const hospitalDemandDecider: Decider<
  HospitalDemand,
  HospitalDemandCommand,
  HospitalDemandEvent
> = {
  decide: decideHospitalDemand,
  evolve: evolveHospitalDemand,
  initialState: initialHospitalDemand,
};

function requireCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidCommand(field, 'must be a whole number, 0 or more');
  }
  if (value > MAX_BEDS_PER_KIND) {
    throw new InvalidCommand(field, `must be at most ${MAX_BEDS_PER_KIND}`);
  }
  return value;
}
