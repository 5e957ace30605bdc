import { DomainError, DomainErrorKind } from '../shared/domain-error';

/**
 * A trip refused a command. The message names the trip, what was attempted, the rule and the
 * trip's state. Refusals about one cylinder on the trip use the cylinder errors
 * (`CylinderNotOnThisTrip`, `CylinderNotFull`, `CylinderAlreadyOnTrip`), which name the serial.
 */
export abstract class TripRuleViolation extends DomainError {
  readonly kind: DomainErrorKind = 'conflict';
  override readonly tripId: string;
  readonly action: string;

  protected constructor(
    tripId: string,
    action: string,
    rule: string,
    currentState: string,
    extra: Record<string, unknown> = {},
  ) {
    super(`Trip ${tripId} cannot ${action}: ${rule}; it is ${currentState}`, {
      tripId,
      rule,
      currentState,
      action,
      ...extra,
    });
    this.tripId = tripId;
    this.action = action;
  }
}

export class TripNotFound extends TripRuleViolation {
  readonly code = 'trip.not-found';
  override readonly kind = 'not-found';
  constructor(tripId: string, action: string) {
    super(tripId, action, 'a trip must be created first', 'not created');
  }
}

export class TripAlreadyCreated extends TripRuleViolation {
  readonly code = 'trip.already-created';
  constructor(tripId: string, currentState: string) {
    super(tripId, 'be created', 'a trip id is used once', currentState);
  }
}

export class TripAlreadyCompleted extends TripRuleViolation {
  readonly code = 'trip.completed';
  constructor(tripId: string, action: string, currentState: string) {
    super(tripId, action, 'a completed trip takes no more commands', currentState);
  }
}

export class TripAlreadyDeparted extends TripRuleViolation {
  readonly code = 'trip.departed';
  constructor(tripId: string, currentState: string) {
    super(
      tripId,
      'load cylinders',
      'cylinders are loaded at the origin, before the first stop',
      currentState,
    );
  }
}

export class TripStopNotPlanned extends TripRuleViolation {
  readonly code = 'trip.stop-not-planned';
  constructor(
    tripId: string,
    facilityId: string,
    plannedStops: readonly string[],
    currentState: string,
  ) {
    super(
      tripId,
      `serve a stop at ${facilityId}`,
      `deliveries and collections happen only at the trip's planned stops (${plannedStops.join(', ')})`,
      currentState,
      { facilityId, plannedStops: [...plannedStops] },
    );
  }
}

export class TripStopAlreadyCompleted extends TripRuleViolation {
  readonly code = 'trip.stop-already-completed';
  constructor(tripId: string, facilityId: string, currentState: string) {
    super(tripId, `serve a stop at ${facilityId}`, 'each stop is served once', currentState, {
      facilityId,
    });
  }
}

export class VehicleCapacityExceeded extends TripRuleViolation {
  readonly code = 'trip.vehicle-capacity-exceeded';
  constructor(
    tripId: string,
    action: string,
    sizeCode: string,
    capacity: number,
    wouldCarry: number,
    currentState: string,
  ) {
    super(
      tripId,
      action,
      `the vehicle carries at most ${capacity} cylinder${capacity === 1 ? '' : 's'} of size ${sizeCode} (this would make ${wouldCarry})`,
      currentState,
      { sizeCode, capacity, wouldCarry },
    );
  }
}

export class TripUnloadNotAtPlantOrDepot extends TripRuleViolation {
  readonly code = 'trip.unload-not-at-plant-or-depot';
  constructor(tripId: string, facilityId: string, facilityKind: string, currentState: string) {
    super(
      tripId,
      `unload at ${facilityKind} ${facilityId}`,
      "cylinders are unloaded at a producer's plant or a depot (hospitals receive deliveries)",
      currentState,
      { facilityId, facilityKind },
    );
  }
}

export class TripHasCylindersOnBoard extends TripRuleViolation {
  readonly code = 'trip.cylinders-on-board';
  readonly serials: readonly string[];
  constructor(tripId: string, serials: readonly string[], currentState: string) {
    super(
      tripId,
      'be completed',
      `a trip is completed with nothing on board; unload, deliver or declare missing ${serials.join(', ')}`,
      currentState,
      { serials: [...serials] },
    );
    this.serials = serials;
  }
}

export class TripClosed extends TripRuleViolation {
  readonly code = 'trip.closed';
  constructor(tripId: string, action: string, currentState: string) {
    super(tripId, action, 'a cancelled or aborted trip takes no more commands', currentState);
  }
}

export class TripAlreadyLoaded extends TripRuleViolation {
  readonly code = 'trip.already-loaded';
  constructor(tripId: string, currentState: string) {
    super(
      tripId,
      'be cancelled',
      'a trip is cancelled only before anything is loaded; abort it instead (what is on board goes back)',
      currentState,
    );
  }
}

export class TripNotLoaded extends TripRuleViolation {
  readonly code = 'trip.not-loaded';
  constructor(tripId: string, currentState: string) {
    super(tripId, 'be aborted', 'nothing was loaded: cancel the trip instead', currentState);
  }
}

/** Cylinders go back to a plant or depot of the supplier that runs the trip, never another's. */
export class TripUnloadAtAnotherSupplier extends TripRuleViolation {
  readonly code = 'trip.unload-at-another-supplier';
  constructor(
    tripId: string,
    facilityId: string,
    facilitySupplierId: string | null,
    tripSupplierId: string,
    currentState: string,
  ) {
    super(
      tripId,
      `unload at ${facilityId}`,
      `a trip of supplier ${tripSupplierId} unloads only at that supplier's plants and depots ` +
        `(${facilityId} belongs to ${facilitySupplierId ?? 'no supplier'})`,
      currentState,
      { facilityId, facilitySupplierId, tripSupplierId },
    );
  }
}
