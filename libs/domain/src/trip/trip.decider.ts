import { deliveryProof } from '../delivery-proof/delivery-proof';
import {
  CylinderAlreadyOnTrip,
  CylinderNotFull,
  CylinderNotOnThisTrip,
} from '../cylinder/cylinder.errors';
import { FacilityRef, isFacilityKind } from '../facility/facility';
import { Decider } from '../shared/decider';
import { InvalidCommand } from '../shared/domain-error';
import {
  requireId,
  requireInstant,
  requireNonEmptyList,
  requireSerial,
  requireText,
  serialListProblems,
} from '../shared/validation';
import { vehicleCapacityFor } from '../vehicle/vehicle';
import {
  AbortTrip,
  CancelTrip,
  CompleteTrip,
  CreateTrip,
  DeliverAtStop,
  LoadTrip,
  TripCommand,
  UnloadTrip,
} from './trip.commands';
import {
  TripAlreadyCompleted,
  TripAlreadyLoaded,
  TripClosed,
  TripNotLoaded,
  TripUnloadAtAnotherSupplier,
  TripAlreadyCreated,
  TripAlreadyDeparted,
  TripHasCylindersOnBoard,
  TripNotFound,
  TripStopAlreadyCompleted,
  TripStopNotPlanned,
  TripUnloadNotAtPlantOrDepot,
  VehicleCapacityExceeded,
} from './trip.errors';
import { tripEvent, TripEvent, TripEventType } from './trip.events';
import {
  describeTripState,
  findOnBoard,
  initialTripState,
  OnBoardCylinder,
  onBoardBySize,
  Trip,
  TripCylinder,
  TripState,
} from './trip.state';

/** Decides one command on one trip: the events it causes, or a `DomainError`. */
export function decideTrip(command: TripCommand, state: TripState): TripEvent[] {
  switch (command.type) {
    case 'CreateTrip':
      return create(command, state);
    case 'LoadTrip':
      return load(command, state);
    case 'DeliverAtStop':
      return deliverAtStop(command, state);
    case 'UnloadTrip':
      return unload(command, state);
    case 'CompleteTrip':
      return complete(command, state);
    case 'CancelTrip':
      return cancel(command, state);
    case 'AbortTrip':
      return abort(command, state);
  }
}

export const tripDecider: Decider<TripState, TripCommand, TripEvent> = {
  decide: decideTrip,
  evolve: evolveTrip,
  initialState: initialTripState,
};

// ---------------------------------------------------------------------------------------------
// decide

function create({ data }: CreateTrip, state: TripState): TripEvent[] {
  const tripId = requireId(data.tripId, 'tripId');
  const context = { tripId };
  if (state.status !== 'NOT_CREATED')
    throw new TripAlreadyCreated(tripId, describeTripState(state));
  const origin = requireFacility(data.origin, 'origin', context);
  if (origin.kind !== 'producer' && origin.kind !== 'depot') {
    throw new InvalidCommand('origin', "must be a producer's plant or a depot", context);
  }
  const supplierId =
    data.supplierId === undefined ? null : requireId(data.supplierId, 'supplierId', context);
  const vehicleId = requireId(data.vehicle?.id, 'vehicle.id', context);
  const capacityBySize = data.vehicle.capacityBySize ?? null;
  if (capacityBySize !== null) {
    if (typeof capacityBySize !== 'object' || Array.isArray(capacityBySize)) {
      throw new InvalidCommand('vehicle.capacityBySize', 'must map size codes to counts', context);
    }
    for (const [sizeCode, count] of Object.entries(capacityBySize)) {
      if (sizeCode.trim() === '' || !Number.isInteger(count) || count < 0) {
        throw new InvalidCommand(
          `vehicle.capacityBySize.${sizeCode}`,
          'must be a whole number, 0 or more',
          context,
        );
      }
    }
  }
  const driverId = requireId(data.driverId, 'driverId', context);
  const stops = requireNonEmptyList(data.stops, 'stops', context).map((stop, index) =>
    requireFacility(stop, `stops[${index}]`, context),
  );
  const seen = new Set<string>([origin.id]);
  stops.forEach((stop, index) => {
    if (stop.kind !== 'hospital' && stop.kind !== 'depot') {
      throw new InvalidCommand(`stops[${index}]`, 'must be a hospital or a depot', context);
    }
    if (seen.has(stop.id)) {
      throw new InvalidCommand(
        `stops[${index}]`,
        `repeats ${stop.id} (stops are distinct and not the origin)`,
        context,
      );
    }
    seen.add(stop.id);
  });
  const plannedAt = requireInstant(data.plannedAt, 'plannedAt', context);
  const at = requireInstant(data.at, 'at', context);
  return [
    tripEvent(TripEventType.Created, {
      tripId,
      origin,
      ...(supplierId === null ? {} : { supplierId }),
      vehicleId,
      capacityBySize: capacityBySize === null ? null : { ...capacityBySize },
      driverId,
      stops,
      plannedAt,
      at,
    }),
  ];
}

function load({ data }: LoadTrip, state: TripState): TripEvent[] {
  const action = 'load cylinders';
  const trip = openTrip(state, data.tripId, action);
  const context = { tripId: trip.tripId };
  const at = requireInstant(data.at, 'at', context);
  if (trip.status === 'IN_PROGRESS')
    throw new TripAlreadyDeparted(trip.tripId, describeTripState(trip));
  const cylinders = requireCylinders(data.cylinders, 'cylinders', context);
  for (const { serial } of cylinders) {
    if (findOnBoard(trip, serial)) throw new CylinderAlreadyOnTrip(serial, 'loaded', trip.tripId);
  }
  requireCapacity(trip, action, [...trip.onBoard, ...cylinders]);
  return [
    tripEvent(TripEventType.Loaded, {
      tripId: trip.tripId,
      facilityId: trip.origin.id,
      cylinders,
      at,
    }),
  ];
}

function deliverAtStop({ data }: DeliverAtStop, state: TripState): TripEvent[] {
  const trip = openTrip(state, data.tripId, 'serve a stop');
  const context = { tripId: trip.tripId };
  const facilityId = requireId(data.facilityId, 'facilityId', context);
  const stop = trip.stops.find((candidate) => candidate.facility.id === facilityId);
  if (!stop) {
    throw new TripStopNotPlanned(
      trip.tripId,
      facilityId,
      trip.stops.map((planned) => planned.facility.id),
      describeTripState(trip),
    );
  }
  if (stop.completed)
    throw new TripStopAlreadyCompleted(trip.tripId, facilityId, describeTripState(trip));
  const receivedBy = requireText(data.receivedBy, 'receivedBy', context, 200);
  const at = requireInstant(data.at, 'at', context);
  const delivered = Array.isArray(data.delivered) ? data.delivered : [];
  const collected = Array.isArray(data.collected) ? data.collected : [];
  if (delivered.length + collected.length === 0) {
    throw new InvalidCommand('delivered', 'or collected must list at least one cylinder', context);
  }
  throwFirst(serialListProblems([...delivered, ...collected.map((cylinder) => cylinder?.serial)]));
  const collectedCylinders =
    collected.length > 0 ? requireCylinders(collected, 'collected', context) : [];

  for (const serial of delivered) {
    const onBoard = findOnBoard(trip, serial);
    if (!onBoard)
      throw new CylinderNotOnThisTrip(
        serial,
        'delivered',
        trip.tripId,
        `not on board trip ${trip.tripId}`,
      );
    if (onBoard.load !== 'full') {
      throw new CylinderNotFull(
        serial,
        'delivered',
        `on board trip ${trip.tripId} as an empty`,
        'only cylinders carried full are delivered',
      );
    }
  }
  for (const { serial } of collectedCylinders) {
    if (findOnBoard(trip, serial))
      throw new CylinderAlreadyOnTrip(serial, 'collected', trip.tripId);
  }
  const remaining = trip.onBoard.filter((cylinder) => !delivered.includes(cylinder.serial));
  requireCapacity(trip, 'collect empties', [...remaining, ...collectedCylinders]);
  return [
    tripEvent(TripEventType.StopCompleted, {
      tripId: trip.tripId,
      facilityId,
      facilityKind: stop.facility.kind,
      delivered: [...delivered],
      collected: collectedCylinders,
      receivedBy,
      ...deliveryProof(data.proof, context),
      at,
    }),
  ];
}

function unload({ data }: UnloadTrip, state: TripState): TripEvent[] {
  const trip = openTrip(state, data.tripId, 'unload');
  const context = { tripId: trip.tripId };
  const facility = requireFacility(data.facility, 'facility', context);
  const at = requireInstant(data.at, 'at', context);
  if (facility.kind !== 'producer' && facility.kind !== 'depot') {
    throw new TripUnloadNotAtPlantOrDepot(
      trip.tripId,
      facility.id,
      facility.kind,
      describeTripState(trip),
    );
  }
  requireTripSupplierFacility(trip, data.facility);
  const serials = requireSerials(data.serials, 'serials', context);
  for (const serial of serials) {
    if (!findOnBoard(trip, serial)) {
      throw new CylinderNotOnThisTrip(
        serial,
        'unloaded',
        trip.tripId,
        `not on board trip ${trip.tripId}`,
      );
    }
  }
  return [
    tripEvent(TripEventType.Unloaded, {
      tripId: trip.tripId,
      facilityId: facility.id,
      facilityKind: facility.kind,
      serials: [...serials],
      at,
    }),
  ];
}

function complete({ data }: CompleteTrip, state: TripState): TripEvent[] {
  const trip = openTrip(state, data.tripId, 'be completed');
  const context = { tripId: trip.tripId };
  const at = requireInstant(data.at, 'at', context);
  const missing = requireDeclaredMissing(trip, data.missingSerials);
  const stillOnBoard = trip.onBoard
    .map((cylinder) => cylinder.serial)
    .filter((serial) => !missing.includes(serial));
  if (stillOnBoard.length > 0) {
    throw new TripHasCylindersOnBoard(trip.tripId, stillOnBoard, describeTripState(trip));
  }
  return [
    tripEvent(TripEventType.Completed, { tripId: trip.tripId, missingSerials: [...missing], at }),
  ];
}

function cancel({ data }: CancelTrip, state: TripState): TripEvent[] {
  const trip = openTrip(state, data.tripId, 'be cancelled');
  const context = { tripId: trip.tripId };
  const reason = requireText(data.reason, 'reason', context, 500);
  const at = requireInstant(data.at, 'at', context);
  if (trip.status !== 'PLANNED') throw new TripAlreadyLoaded(trip.tripId, describeTripState(trip));
  return [tripEvent(TripEventType.Cancelled, { tripId: trip.tripId, reason, at })];
}

/**
 * Unloads what is on board at `returnTo` (all but the missing) and closes the trip as aborted.
 * Stops already served stay served: their deliveries happened.
 */
function abort({ data }: AbortTrip, state: TripState): TripEvent[] {
  const trip = openTrip(state, data.tripId, 'be aborted');
  const context = { tripId: trip.tripId };
  const reason = requireText(data.reason, 'reason', context, 500);
  const at = requireInstant(data.at, 'at', context);
  if (trip.status === 'PLANNED') throw new TripNotLoaded(trip.tripId, describeTripState(trip));
  const returnTo = requireFacility(data.returnTo, 'returnTo', context);
  if (returnTo.kind !== 'producer' && returnTo.kind !== 'depot') {
    throw new TripUnloadNotAtPlantOrDepot(
      trip.tripId,
      returnTo.id,
      returnTo.kind,
      describeTripState(trip),
    );
  }
  requireTripSupplierFacility(trip, data.returnTo);
  const missing = requireDeclaredMissing(trip, data.missingSerials);
  const returned = trip.onBoard
    .map((cylinder) => cylinder.serial)
    .filter((serial) => !missing.includes(serial));
  return [
    ...(returned.length > 0
      ? [
          tripEvent(TripEventType.Unloaded, {
            tripId: trip.tripId,
            facilityId: returnTo.id,
            facilityKind: returnTo.kind,
            serials: returned,
            at,
          }),
        ]
      : []),
    tripEvent(TripEventType.Aborted, {
      tripId: trip.tripId,
      reason,
      returnedTo: returnTo.id,
      missingSerials: [...missing],
      at,
    }),
  ];
}

/** Serials declared missing at the end of a trip: a list of cylinders that are on board. */
function requireDeclaredMissing(trip: Trip, value: readonly string[] | undefined): string[] {
  const missing = value ?? [];
  if (!Array.isArray(missing))
    throw new InvalidCommand('missingSerials', 'must be a list of serials', {
      tripId: trip.tripId,
    });
  throwFirst(serialListProblems(missing, 'missingSerials'));
  for (const serial of missing) {
    if (!findOnBoard(trip, serial)) {
      throw new CylinderNotOnThisTrip(
        serial,
        'declared missing',
        trip.tripId,
        `not on board trip ${trip.tripId}`,
      );
    }
  }
  return [...missing];
}

/** A trip that names its supplier takes cylinders off only at that supplier's plants and depots. */
function requireTripSupplierFacility(
  trip: Trip,
  facility: { id: string; supplierId?: string | null },
): void {
  if (trip.supplierId === null || facility.supplierId === undefined) return;
  if (facility.supplierId !== trip.supplierId) {
    throw new TripUnloadAtAnotherSupplier(
      trip.tripId,
      facility.id,
      facility.supplierId,
      trip.supplierId,
      describeTripState(trip),
    );
  }
}

/** Created and not completed, cancelled or aborted. */
function openTrip(state: TripState, tripId: string, action: string): Trip {
  requireId(tripId, 'tripId');
  if (state.status === 'NOT_CREATED') throw new TripNotFound(tripId, action);
  if (state.tripId !== tripId) {
    throw new InvalidCommand('tripId', `does not match the trip's stream (${state.tripId})`, {
      tripId,
    });
  }
  if (state.status === 'COMPLETED')
    throw new TripAlreadyCompleted(tripId, action, describeTripState(state));
  if (state.status === 'CANCELLED' || state.status === 'ABORTED')
    throw new TripClosed(tripId, action, describeTripState(state));
  return state;
}

function requireFacility(
  value: FacilityRef,
  field: string,
  context: { tripId: string },
): FacilityRef {
  if (typeof value !== 'object' || value === null || !isFacilityKind(value.kind)) {
    throw new InvalidCommand(field, 'must be a facility reference { id, kind }', context);
  }
  return { id: requireId(value.id, `${field}.id`, context), kind: value.kind };
}

function requireSerials(
  value: readonly string[],
  field: string,
  context: { tripId: string },
): readonly string[] {
  const serials = requireNonEmptyList(value, field, context);
  throwFirst(serialListProblems(serials, field));
  return serials;
}

function requireCylinders(
  value: readonly TripCylinder[],
  field: string,
  context: { tripId: string },
): TripCylinder[] {
  const cylinders = requireNonEmptyList(value, field, context);
  throwFirst(
    serialListProblems(
      cylinders.map((cylinder) => cylinder?.serial),
      field,
    ),
  );
  return cylinders.map(({ serial, sizeCode }) => {
    requireSerial(serial, field);
    if (typeof sizeCode !== 'string' || sizeCode.trim() === '') {
      throw new InvalidCommand(`${field}.sizeCode`, 'must name the size', { ...context, serial });
    }
    return { serial, sizeCode };
  });
}

function requireCapacity(trip: Trip, action: string, onBoardAfter: readonly TripCylinder[]): void {
  if (trip.capacityBySize === null) return;
  for (const [sizeCode, count] of onBoardBySize(onBoardAfter)) {
    const capacity = vehicleCapacityFor(trip.capacityBySize, sizeCode);
    if (count > capacity) {
      throw new VehicleCapacityExceeded(
        trip.tripId,
        action,
        sizeCode,
        capacity,
        count,
        describeTripState(trip),
      );
    }
  }
}

function throwFirst(errors: readonly Error[]): void {
  if (errors.length > 0) throw errors[0];
}

// ---------------------------------------------------------------------------------------------
// evolve

/** Folds one event into the trip. Events are facts; events before `TripCreated` are ignored. */
export function evolveTrip(state: TripState, event: TripEvent): TripState {
  if (event.type === TripEventType.Created) {
    const { data } = event;
    return {
      status: 'PLANNED',
      tripId: data.tripId,
      origin: { ...data.origin },
      supplierId: data.supplierId ?? null,
      vehicleId: data.vehicleId,
      capacityBySize: data.capacityBySize === null ? null : { ...data.capacityBySize },
      driverId: data.driverId,
      plannedAt: data.plannedAt,
      stops: data.stops.map((facility) => ({ facility: { ...facility }, completed: false })),
      onBoard: [],
      missingSerials: [],
    };
  }
  if (state.status === 'NOT_CREATED') return state;

  switch (event.type) {
    case TripEventType.Loaded:
      return {
        ...state,
        status: state.status === 'PLANNED' ? 'LOADING' : state.status,
        onBoard: [
          ...state.onBoard,
          ...event.data.cylinders.map((c): OnBoardCylinder => ({ ...c, load: 'full' })),
        ],
      };
    case TripEventType.StopCompleted: {
      const { facilityId, delivered, collected } = event.data;
      return {
        ...state,
        status: 'IN_PROGRESS',
        stops: state.stops.map((stop) =>
          stop.facility.id === facilityId ? { ...stop, completed: true } : stop,
        ),
        onBoard: [
          ...state.onBoard.filter((cylinder) => !delivered.includes(cylinder.serial)),
          ...collected.map((c): OnBoardCylinder => ({ ...c, load: 'empty' })),
        ],
      };
    }
    case TripEventType.Unloaded:
      return {
        ...state,
        onBoard: state.onBoard.filter((cylinder) => !event.data.serials.includes(cylinder.serial)),
      };
    case TripEventType.Completed:
      return {
        ...state,
        status: 'COMPLETED',
        onBoard: [],
        missingSerials: [...event.data.missingSerials],
      };
    case TripEventType.Cancelled:
      return { ...state, status: 'CANCELLED' };
    case TripEventType.Aborted:
      return {
        ...state,
        status: 'ABORTED',
        onBoard: [],
        missingSerials: [...event.data.missingSerials],
      };
  }
}
