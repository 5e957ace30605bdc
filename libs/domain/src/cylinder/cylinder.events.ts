import { DeliveryProof } from '../delivery-proof/delivery-proof';
import { FacilityKind } from '../facility/facility';
import { VersionedEvent } from '../shared/event';
import { IsoDate, IsoInstant } from '../shared/time';
import { CylinderLocation, Load, LostFromStatus, RestingStatus } from './cylinder.state';

/** Event type strings: part of the ledger's schema, never derived from code names. */
export const CylinderEventType = {
  Registered: 'CylinderRegistered',
  Filled: 'CylinderFilled',
  FillFailedQc: 'CylinderFillFailedQc',
  Loaded: 'CylinderLoaded',
  Delivered: 'CylinderDelivered',
  Collected: 'CylinderCollected',
  Unloaded: 'CylinderUnloaded',
  PutInUse: 'CylinderPutInUse',
  MarkedEmpty: 'CylinderMarkedEmpty',
  Tested: 'CylinderTested',
  Quarantined: 'CylinderQuarantined',
  Released: 'CylinderReleased',
  Condemned: 'CylinderCondemned',
  ReportedLost: 'CylinderReportedLost',
  Found: 'CylinderFound',
} as const;

/** Every event carries its cylinder's serial and `at`, when it happened on the device. */
interface CylinderEventData {
  serial: string;
  at: IsoInstant;
}

export type CylinderRegistered = VersionedEvent<
  typeof CylinderEventType.Registered,
  CylinderEventData & {
    sizeCode: string;
    ownerId: string;
    gasGrade: string;
    manufactureDate: IsoDate;
    lastTestDate: IsoDate;
    testIntervalYears: number;
    facilityId: string;
    facilityKind: FacilityKind;
    /** EMPTY for a new cylinder; EMPTY or FULL for one migrated from an existing fleet. */
    status: 'EMPTY' | 'FULL';
    migrated: boolean;
  }
>;

export type CylinderFilled = VersionedEvent<
  typeof CylinderEventType.Filled,
  CylinderEventData & {
    plantId: string;
    manifoldId: string | null;
    lot: string;
    purityPercent: number;
    pressureBar: number;
    operatorId: string;
  }
>;

/** A fill whose QC check failed: the reading is kept and the cylinder is held in quarantine. */
export type CylinderFillFailedQc = VersionedEvent<
  typeof CylinderEventType.FillFailedQc,
  CylinderEventData & {
    plantId: string;
    manifoldId: string | null;
    lot: string;
    purityPercent: number;
    pressureBar: number;
    operatorId: string;
    reason: string;
  }
>;

export type CylinderLoaded = VersionedEvent<
  typeof CylinderEventType.Loaded,
  CylinderEventData & { tripId: string; facilityId: string }
>;

export type CylinderDelivered = VersionedEvent<
  typeof CylinderEventType.Delivered,
  CylinderEventData & {
    tripId: string;
    facilityId: string;
    facilityKind: FacilityKind;
    receivedBy: string;
    proof?: DeliveryProof;
  }
>;

export type CylinderCollected = VersionedEvent<
  typeof CylinderEventType.Collected,
  CylinderEventData & { tripId: string; facilityId: string }
>;

export type CylinderUnloaded = VersionedEvent<
  typeof CylinderEventType.Unloaded,
  CylinderEventData & {
    tripId: string;
    facilityId: string;
    facilityKind: FacilityKind;
    /** What it carried: it comes off FULL or EMPTY accordingly. */
    load: Load;
  }
>;

export type CylinderPutInUse = VersionedEvent<
  typeof CylinderEventType.PutInUse,
  CylinderEventData & { facilityId: string }
>;

export type CylinderMarkedEmpty = VersionedEvent<
  typeof CylinderEventType.MarkedEmpty,
  CylinderEventData & { facilityId: string }
>;

export type CylinderTested = VersionedEvent<
  typeof CylinderEventType.Tested,
  CylinderEventData & {
    result: 'passed' | 'failed';
    testedOn: IsoDate;
    testedBy: string;
    notes: string | null;
  }
>;

export type CylinderQuarantined = VersionedEvent<
  typeof CylinderEventType.Quarantined,
  CylinderEventData & { reason: string; previousStatus: RestingStatus }
>;

export type CylinderReleased = VersionedEvent<
  typeof CylinderEventType.Released,
  CylinderEventData & { status: RestingStatus }
>;

export type CylinderCondemned = VersionedEvent<
  typeof CylinderEventType.Condemned,
  CylinderEventData & { reason: string }
>;

export type CylinderReportedLost = VersionedEvent<
  typeof CylinderEventType.ReportedLost,
  CylinderEventData & {
    reason: string | null;
    lastKnownLocation: CylinderLocation;
    lastStatus: LostFromStatus;
  }
>;

export type CylinderFound = VersionedEvent<
  typeof CylinderEventType.Found,
  CylinderEventData & {
    facilityId: string;
    facilityKind: FacilityKind;
    status: 'EMPTY' | 'FULL';
  }
>;

export type CylinderEvent =
  | CylinderRegistered
  | CylinderFilled
  | CylinderFillFailedQc
  | CylinderLoaded
  | CylinderDelivered
  | CylinderCollected
  | CylinderUnloaded
  | CylinderPutInUse
  | CylinderMarkedEmpty
  | CylinderTested
  | CylinderQuarantined
  | CylinderReleased
  | CylinderCondemned
  | CylinderReportedLost
  | CylinderFound;

export type CylinderEventTypeName = CylinderEvent['type'];

/** Current schema version of every cylinder event type. */
export const CYLINDER_EVENT_VERSIONS: Readonly<Record<CylinderEventTypeName, number>> = {
  CylinderRegistered: 1,
  CylinderFilled: 1,
  CylinderFillFailedQc: 1,
  CylinderLoaded: 1,
  CylinderDelivered: 1,
  CylinderCollected: 1,
  CylinderUnloaded: 1,
  CylinderPutInUse: 1,
  CylinderMarkedEmpty: 1,
  CylinderTested: 1,
  CylinderQuarantined: 1,
  CylinderReleased: 1,
  CylinderCondemned: 1,
  CylinderReportedLost: 1,
  CylinderFound: 1,
};

/** Builds a cylinder event at its current version. */
export function cylinderEvent<Type extends CylinderEventTypeName>(
  type: Type,
  data: Extract<CylinderEvent, { type: Type }>['data'],
): Extract<CylinderEvent, { type: Type }> {
  return { type, version: 1, data } as Extract<CylinderEvent, { type: Type }>;
}

/** The cylinder's stream in the ledger; `cylinder-` is the category prefix. */
export function cylinderStreamName(serial: string): string {
  return `cylinder-${serial}`;
}
