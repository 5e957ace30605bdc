import { FacilityKind } from '../facility/facility';
import { addYears, IsoDate, IsoInstant, utcDateOf } from '../shared/time';

/** Where a resting cylinder is. The facility kind is recorded when it arrives there. */
export interface FacilityLocation {
  kind: 'facility';
  facilityId: string;
  facilityKind: FacilityKind;
}

/** A cylinder on a truck. */
export interface TripLocation {
  kind: 'trip';
  tripId: string;
}

export type CylinderLocation = FacilityLocation | TripLocation;

/** What a cylinder on a trip carries. */
export type Load = 'full' | 'empty';

/** The states a cylinder can be quarantined from, and released back to. */
export type RestingStatus = 'EMPTY' | 'FULL' | 'IN_USE';

export const CYLINDER_STATUSES = [
  'EMPTY',
  'FULL',
  'IN_TRANSIT',
  'IN_USE',
  'QUARANTINED',
  'CONDEMNED',
  'LOST',
] as const;
export type CylinderStatus = (typeof CYLINDER_STATUSES)[number];

/** What a cylinder is, whatever happens to it. */
export interface CylinderProfile {
  serial: string;
  sizeCode: string;
  /** The supplier that owns the cylinder. */
  ownerId: string;
  gasGrade: string;
  manufactureDate: IsoDate;
  /** Date of the last periodic (hydrostatic) test that the cylinder passed. */
  lastTestDate: IsoDate;
  testIntervalYears: number;
}

/** Where the cylinder is in its lifecycle; one variant per status. */
export type CylinderCondition =
  | { status: 'EMPTY'; location: FacilityLocation }
  | { status: 'FULL'; location: FacilityLocation }
  | { status: 'IN_USE'; location: FacilityLocation }
  | { status: 'IN_TRANSIT'; location: TripLocation; load: Load }
  // on a trip only when a lot recall caught it on the truck: it comes off at a plant, still held
  | { status: 'QUARANTINED'; location: CylinderLocation; reason: string; returnTo: RestingStatus }
  | { status: 'CONDEMNED'; location: CylinderLocation; reason: string }
  | { status: 'LOST'; lastKnownLocation: CylinderLocation; lastStatus: LostFromStatus };

/** Any status but the two a cylinder cannot be lost from. */
export type LostFromStatus = Exclude<CylinderStatus, 'LOST' | 'CONDEMNED'>;

/** What the cylinder's history says beyond its condition, for the rules that look back. */
export interface CylinderHistoryMarks {
  /** When the last event happened on the device: a later command may not claim to be earlier. */
  lastEventAt?: IsoInstant;
  /** The lot of its last fill (passed or failed QC), until it is filled again. */
  lastFillLot?: string;
  /** Hospitals it was delivered to since that fill: who may have used a recalled lot. */
  deliveredSinceFill?: string[];
}

export type Cylinder = CylinderProfile & CylinderHistoryMarks & CylinderCondition;

/** A serial with no events yet. */
export interface UnregisteredCylinder {
  status: 'UNREGISTERED';
}

export type CylinderState = UnregisteredCylinder | Cylinder;

export function initialCylinderState(): CylinderState {
  return { status: 'UNREGISTERED' };
}

export function isRegistered(state: CylinderState): state is Cylinder {
  return state.status !== 'UNREGISTERED';
}

/** Where the cylinder is now, or was last seen when lost; `undefined` when not registered. */
export function cylinderLocation(state: CylinderState): CylinderLocation | undefined {
  if (state.status === 'UNREGISTERED') return undefined;
  return state.status === 'LOST' ? state.lastKnownLocation : state.location;
}

/** The last day a cylinder may be filled: last passed test plus the test interval. */
export function testDueDate(
  cylinder: Pick<CylinderProfile, 'lastTestDate' | 'testIntervalYears'>,
): IsoDate {
  return addYears(cylinder.lastTestDate, cylinder.testIntervalYears);
}

/** True once the UTC day of `at` is after the test due date. */
export function isTestOverdue(
  cylinder: Pick<CylinderProfile, 'lastTestDate' | 'testIntervalYears'>,
  at: IsoInstant,
): boolean {
  return utcDateOf(at) > testDueDate(cylinder);
}

export function describeLocation(location: CylinderLocation): string {
  return location.kind === 'trip'
    ? `on trip ${location.tripId}`
    : `at ${location.facilityKind} ${location.facilityId}`;
}

/** The state in words, for error messages: e.g. `FULL at producer plant-1`. */
export function describeCylinderState(state: CylinderState): string {
  switch (state.status) {
    case 'UNREGISTERED':
      return 'not registered';
    case 'IN_TRANSIT':
      return `IN_TRANSIT (${state.load}) ${describeLocation(state.location)}`;
    case 'QUARANTINED':
      return `QUARANTINED ${describeLocation(state.location)} (${state.reason})`;
    case 'CONDEMNED':
      return `CONDEMNED ${describeLocation(state.location)} (${state.reason})`;
    case 'LOST':
      return `LOST (last seen ${state.lastStatus} ${describeLocation(state.lastKnownLocation)})`;
    default:
      return `${state.status} ${describeLocation(state.location)}`;
  }
}
