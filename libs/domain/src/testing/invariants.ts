import { CylinderEvent, CylinderEventType } from '../cylinder/cylinder.events';
import { CylinderState } from '../cylinder/cylinder.state';
import { TripState } from '../trip/trip.state';

/**
 * The invariants of PRODUCT.md as checks over states and transitions, for property-based tests.
 * Each returns what is broken, in words; an empty list when all hold. An oracle: it computes
 * what it needs (test due dates, loads per size, capacities) on its own, never with the helpers
 * of the code it checks.
 */

/** Rules a single event must respect, given the state it was decided on. */
export function cylinderTransitionViolations(
  before: CylinderState,
  event: CylinderEvent,
): string[] {
  const broken: string[] = [];
  const expect = (ok: boolean, rule: string) => {
    if (!ok) broken.push(`${event.type} on ${describe(before)}: ${rule}`);
  };
  if (event.type === CylinderEventType.Registered) {
    expect(before.status === 'UNREGISTERED', 'a serial is registered once');
    return broken;
  }
  if (before.status === 'UNREGISTERED') return [`${event.type} on an unregistered cylinder`];
  expect(before.status !== 'CONDEMNED', 'a condemned cylinder never moves again');
  expect(
    before.status !== 'LOST' || event.type === CylinderEventType.Found,
    'a lost cylinder is found first',
  );

  switch (event.type) {
    case CylinderEventType.Filled:
      expect(before.status === 'EMPTY', 'filled only when EMPTY (so never when quarantined)');
      expect(
        before.status === 'EMPTY' &&
          before.location.facilityKind === 'producer' &&
          before.location.facilityId === event.data.plantId,
        "filled only at the producer's plant it is at",
      );
      expect(
        before.status !== 'EMPTY' || !testOverdueOn(before, event.data.at),
        'filled only within its test date',
      );
      break;
    case CylinderEventType.FillFailedQc:
      expect(
        before.status === 'EMPTY' &&
          before.location.facilityKind === 'producer' &&
          before.location.facilityId === event.data.plantId,
        "a failed fill is recorded only for an EMPTY cylinder at the producer's plant it is at",
      );
      break;
    case CylinderEventType.Loaded:
      expect(before.status === 'FULL', 'loaded only when FULL');
      expect(
        before.status === 'FULL' && before.location.facilityId === event.data.facilityId,
        "loaded at the trip's origin, where it is",
      );
      break;
    case CylinderEventType.Delivered:
      expect(
        before.status === 'IN_TRANSIT' &&
          before.load === 'full' &&
          before.location.tripId === event.data.tripId,
        'delivered only from the trip it is on, carried full',
      );
      break;
    case CylinderEventType.Collected:
      expect(
        before.status === 'EMPTY' && before.location.facilityId === event.data.facilityId,
        "collected only EMPTY at that stop's facility",
      );
      break;
    case CylinderEventType.Unloaded:
      expect(
        before.status === 'IN_TRANSIT' && before.location.tripId === event.data.tripId,
        'unloaded only from the trip it is on',
      );
      break;
    case CylinderEventType.PutInUse:
      expect(
        before.status === 'FULL' && before.location.facilityKind === 'hospital',
        'put in use only when FULL at a hospital',
      );
      break;
    case CylinderEventType.MarkedEmpty:
      expect(
        (before.status === 'IN_USE' || before.status === 'FULL') &&
          before.location.facilityKind === 'hospital',
        'marked empty only when IN_USE or FULL at a hospital',
      );
      break;
    case CylinderEventType.Tested:
      expect(
        before.status === 'EMPTY' || before.status === 'QUARANTINED',
        'tested only when EMPTY or QUARANTINED',
      );
      break;
    case CylinderEventType.Quarantined:
      expect(
        before.status === 'EMPTY' ||
          before.status === 'FULL' ||
          before.status === 'IN_USE' ||
          (before.status === 'IN_TRANSIT' && before.load === 'full'),
        'quarantined only at rest, or on a truck carrying it full (a lot recall)',
      );
      break;
    case CylinderEventType.Released:
      expect(before.status === 'QUARANTINED', 'released only from QUARANTINED');
      break;
    case CylinderEventType.Condemned:
      // From quarantine, or straight after a failed test.
      expect(
        before.status === 'QUARANTINED' || before.status === 'EMPTY',
        'condemned from QUARANTINED or a failed test',
      );
      break;
    case CylinderEventType.ReportedLost:
      break;
    case CylinderEventType.Found:
      expect(before.status === 'LOST', 'found only when LOST');
      expect(event.data.status === 'EMPTY', 'a found cylinder re-enters EMPTY');
      break;
  }
  return broken;
}

/** Rules every cylinder state must respect. */
export function cylinderStateViolations(state: CylinderState): string[] {
  const broken: string[] = [];
  switch (state.status) {
    case 'UNREGISTERED':
    case 'LOST':
    case 'CONDEMNED':
      break;
    case 'IN_TRANSIT':
      if (state.location.kind !== 'trip') broken.push('IN_TRANSIT away from a trip');
      break;
    case 'IN_USE':
      if (state.location.kind !== 'facility' || state.location.facilityKind !== 'hospital') {
        broken.push('IN_USE outside a hospital');
      }
      break;
    default:
      if (state.location.kind !== 'facility') broken.push(`${state.status} on a trip`);
  }
  return broken;
}

/** Rules every trip state must respect. */
export function tripStateViolations(state: TripState): string[] {
  if (state.status === 'NOT_CREATED') return [];
  const broken: string[] = [];
  const serials = state.onBoard.map((cylinder) => cylinder.serial);
  if (new Set(serials).size !== serials.length)
    broken.push(`trip ${state.tripId} has a cylinder on board twice`);
  if (
    (state.status === 'COMPLETED' || state.status === 'CANCELLED' || state.status === 'ABORTED') &&
    serials.length > 0
  )
    broken.push(`${state.status} trip ${state.tripId} has cylinders on board`);
  const capacityBySize = state.capacityBySize;
  if (capacityBySize !== null) {
    const carried: Record<string, number> = {};
    for (const { sizeCode } of state.onBoard) carried[sizeCode] = (carried[sizeCode] ?? 0) + 1;
    for (const sizeCode of Object.keys(carried)) {
      // a size the vehicle does not list is a size it cannot carry
      const capacity = Object.keys(capacityBySize).includes(sizeCode)
        ? capacityBySize[sizeCode]
        : 0;
      if (carried[sizeCode] > capacity)
        broken.push(
          `trip ${state.tripId} carries ${carried[sizeCode]} ${sizeCode} (capacity ${capacity})`,
        );
    }
  }
  return broken;
}

/**
 * Whether a cylinder is past its periodic test on the UTC day of `at`: the test is due on the
 * same calendar day `testIntervalYears` after the last one (29 February falls due on
 * 28 February of a common year) and a fill on the due day itself is still allowed.
 */
function testOverdueOn(
  cylinder: { lastTestDate: string; testIntervalYears: number },
  at: string,
): boolean {
  const [year, month, day] = cylinder.lastTestDate.split('-').map(Number);
  const dueYear = year + cylinder.testIntervalYears;
  const leap = (dueYear % 4 === 0 && dueYear % 100 !== 0) || dueYear % 400 === 0;
  const dueDay = month === 2 && day === 29 && !leap ? 28 : day;
  const when = new Date(at);
  const filled = [when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate()];
  const due = [dueYear, month, dueDay];
  for (let i = 0; i < 3; i++) {
    if (filled[i] !== due[i]) return filled[i] > due[i];
  }
  return false;
}

function describe(state: CylinderState): string {
  return state.status;
}
