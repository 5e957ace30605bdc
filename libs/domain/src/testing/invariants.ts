import { CylinderEvent, CylinderEventType } from '../cylinder/cylinder.events';
import { CylinderState, isTestOverdue } from '../cylinder/cylinder.state';
import { onBoardBySize, TripState } from '../trip/trip.state';
import { vehicleCapacityFor } from '../vehicle/vehicle';

/**
 * The invariants of PRODUCT.md as checks over states and transitions, for property-based tests.
 * Each returns what is broken, in words; an empty list when all hold.
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
      expect(!isTestOverdue(before, event.data.at), 'filled only within its test date');
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
        before.status === 'EMPTY' || before.status === 'FULL' || before.status === 'IN_USE',
        'quarantined only from a resting state',
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
  if (state.status === 'COMPLETED' && serials.length > 0)
    broken.push(`completed trip ${state.tripId} has cylinders on board`);
  if (state.capacityBySize !== null) {
    for (const [sizeCode, count] of onBoardBySize(state.onBoard)) {
      const capacity = vehicleCapacityFor(state.capacityBySize, sizeCode);
      if (count > capacity)
        broken.push(`trip ${state.tripId} carries ${count} ${sizeCode} (capacity ${capacity})`);
    }
  }
  return broken;
}

function describe(state: CylinderState): string {
  return state.status;
}
