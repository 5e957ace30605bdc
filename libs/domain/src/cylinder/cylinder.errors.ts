import { DomainError, DomainErrorKind } from '../shared/domain-error';

/**
 * A cylinder refused a command. The message names the cylinder, what was attempted, the rule
 * and the state it is in, e.g. "Cylinder OX-1 cannot be filled: a cylinder is filled only when
 * EMPTY; it is FULL at producer plant-1".
 */
export abstract class CylinderRuleViolation extends DomainError {
  readonly kind: DomainErrorKind = 'conflict';
  override readonly serial: string;
  /** What was attempted, e.g. `filled`. */
  readonly action: string;

  protected constructor(
    serial: string,
    action: string,
    rule: string,
    currentState: string,
    extra: Record<string, unknown> = {},
  ) {
    super(`Cylinder ${serial} cannot be ${action}: ${rule}; it is ${currentState}`, {
      serial,
      rule,
      currentState,
      action,
      ...extra,
    });
    this.serial = serial;
    this.action = action;
  }
}

export class CylinderNotRegistered extends CylinderRuleViolation {
  readonly code = 'cylinder.not-registered';
  override readonly kind = 'not-found';
  constructor(serial: string, action: string) {
    super(serial, action, 'only a registered cylinder can be tracked', 'not registered');
  }
}

export class SerialAlreadyRegistered extends CylinderRuleViolation {
  readonly code = 'cylinder.serial-already-registered';
  constructor(serial: string, currentState: string) {
    super(serial, 'registered', 'a serial is registered once', currentState);
  }
}

export class CylinderIsCondemned extends CylinderRuleViolation {
  readonly code = 'cylinder.condemned';
  constructor(serial: string, action: string, currentState: string) {
    super(serial, action, 'a condemned cylinder never moves again', currentState);
  }
}

export class CylinderIsLost extends CylinderRuleViolation {
  readonly code = 'cylinder.lost';
  constructor(serial: string, action: string, currentState: string) {
    super(serial, action, 'a lost cylinder must be reported found first', currentState);
  }
}

export class CylinderIsQuarantined extends CylinderRuleViolation {
  readonly code = 'cylinder.quarantined';
  constructor(serial: string, action: string, currentState: string) {
    super(serial, action, 'a quarantined cylinder must be released first', currentState);
  }
}

export class CylinderNotEmpty extends CylinderRuleViolation {
  readonly code = 'cylinder.not-empty';
  constructor(
    serial: string,
    action: string,
    currentState: string,
    rule = `a cylinder is ${action} only when EMPTY`,
  ) {
    super(serial, action, rule, currentState);
  }
}

export class CylinderNotFull extends CylinderRuleViolation {
  readonly code = 'cylinder.not-full';
  constructor(
    serial: string,
    action: string,
    currentState: string,
    rule = `a cylinder is ${action} only when FULL`,
  ) {
    super(serial, action, rule, currentState);
  }
}

export class CylinderNotInUse extends CylinderRuleViolation {
  readonly code = 'cylinder.not-in-use';
  constructor(serial: string, currentState: string) {
    super(
      serial,
      'marked empty',
      'a cylinder is marked empty only when IN_USE or FULL',
      currentState,
    );
  }
}

export class CylinderNotAtFacility extends CylinderRuleViolation {
  readonly code = 'cylinder.not-at-facility';
  constructor(serial: string, action: string, facilityId: string, currentState: string) {
    super(serial, action, `it must be at facility ${facilityId}`, currentState, { facilityId });
  }
}

export class CylinderNotAtProducerPlant extends CylinderRuleViolation {
  readonly code = 'cylinder.not-at-producer-plant';
  constructor(serial: string, action: string, currentState: string) {
    super(serial, action, `a cylinder is ${action} only at a producer's plant`, currentState);
  }
}

export class CylinderNotAtHospital extends CylinderRuleViolation {
  readonly code = 'cylinder.not-at-hospital';
  constructor(serial: string, action: string, currentState: string) {
    super(serial, action, `a cylinder is ${action} only at a hospital`, currentState);
  }
}

export class CylinderNotAtTripOrigin extends CylinderRuleViolation {
  readonly code = 'cylinder.not-at-trip-origin';
  constructor(serial: string, tripId: string, originFacilityId: string, currentState: string) {
    super(
      serial,
      'loaded',
      `a cylinder is loaded only at its trip's origin (${originFacilityId} for trip ${tripId})`,
      currentState,
      { tripId, originFacilityId },
    );
  }
}

export class CylinderNotOnThisTrip extends CylinderRuleViolation {
  readonly code = 'cylinder.not-on-this-trip';
  constructor(serial: string, action: string, tripId: string, currentState: string) {
    super(
      serial,
      action,
      `a cylinder is ${action} only from the trip it is on (trip ${tripId})`,
      currentState,
      { tripId },
    );
  }
}

export class CylinderAlreadyOnTrip extends CylinderRuleViolation {
  readonly code = 'cylinder.already-on-trip';
  constructor(serial: string, action: string, tripId: string) {
    super(serial, action, `a cylinder is on a trip once`, `already on board trip ${tripId}`, {
      tripId,
    });
  }
}

export class HydrostaticTestOverdue extends CylinderRuleViolation {
  readonly code = 'cylinder.test-overdue';
  constructor(serial: string, testDueDate: string, currentState: string) {
    super(
      serial,
      'filled',
      `a cylinder is filled only within its periodic test date (due ${testDueDate})`,
      currentState,
      { testDueDate },
    );
  }
}

export class CylinderNotResting extends CylinderRuleViolation {
  readonly code = 'cylinder.not-resting';
  constructor(serial: string, action: string, currentState: string) {
    super(
      serial,
      action,
      `a cylinder is ${action} only at rest at a facility (EMPTY, FULL or IN_USE)`,
      currentState,
    );
  }
}

export class CylinderNotQuarantined extends CylinderRuleViolation {
  readonly code = 'cylinder.not-quarantined';
  constructor(serial: string, action: string, currentState: string) {
    super(serial, action, `a cylinder is ${action} only from QUARANTINED`, currentState);
  }
}

export class CylinderNotLost extends CylinderRuleViolation {
  readonly code = 'cylinder.not-lost';
  constructor(serial: string, currentState: string) {
    super(serial, 'found', 'only a LOST cylinder can be found', currentState);
  }
}

export class CylinderNotTestable extends CylinderRuleViolation {
  readonly code = 'cylinder.not-testable';
  constructor(serial: string, currentState: string) {
    super(
      serial,
      'tested',
      'a periodic test is recorded only for an EMPTY or QUARANTINED cylinder',
      currentState,
    );
  }
}

export class RegistrationNotAtProducerPlant extends CylinderRuleViolation {
  readonly code = 'cylinder.registration-not-at-producer-plant';
  override readonly kind = 'invalid';
  constructor(serial: string, facilityId: string, facilityKind: string) {
    super(
      serial,
      'registered',
      "a new cylinder is registered EMPTY at a producer's plant (a migrated one says migratedAs)",
      'not registered',
      { facilityId, facilityKind },
    );
  }
}

export class TestDateBeforeLastTest extends CylinderRuleViolation {
  readonly code = 'cylinder.test-date-before-last-test';
  override readonly kind = 'invalid';
  constructor(serial: string, testedOn: string, lastTestDate: string, currentState: string) {
    super(
      serial,
      'tested',
      `a test result is recorded in order (tested on ${testedOn}, before the last test on ${lastTestDate})`,
      currentState,
      { testedOn, lastTestDate },
    );
  }
}

/** A fill measured outside its gas grade's purity band or its size's pressure band: not full. */
export class FillOutsideSpecification extends CylinderRuleViolation {
  readonly code = 'cylinder.fill-outside-specification';
  override readonly kind = 'invalid';
  constructor(
    serial: string,
    field: 'purityPercent' | 'pressureBar',
    measured: number,
    band: { min: number; max: number },
    bandOf: string,
    currentState: string,
  ) {
    const unit = field === 'purityPercent' ? ' %' : ' bar';
    super(
      serial,
      'filled',
      `a fill counts only within its band: ${field} ${measured}${unit} is outside ` +
        `${bandOf}'s ${band.min}–${band.max}${unit} (record it as a failed QC check to quarantine the cylinder)`,
      currentState,
      { field, measured, band: { ...band }, bandOf },
    );
  }
}

/** A found cylinder's contents are unknown: it re-enters EMPTY and is filled like any other. */
export class FoundCylinderMustBeEmpty extends CylinderRuleViolation {
  readonly code = 'cylinder.found-not-empty';
  override readonly kind = 'invalid';
  constructor(serial: string, currentState: string) {
    super(
      serial,
      'found FULL',
      'a found cylinder re-enters EMPTY at the place it was found; only a fill makes it FULL',
      currentState,
    );
  }
}

/** The device says it happened before the cylinder's last recorded event. */
export class OccurredBeforePreviousEvent extends CylinderRuleViolation {
  readonly code = 'cylinder.occurred-before-previous-event';
  override readonly kind = 'invalid';
  constructor(serial: string, action: string, occurredAt: string, previousAt: string) {
    super(
      serial,
      action,
      `occurredAt ${occurredAt} may not be before the cylinder's previous event at ${previousAt}`,
      `last changed at ${previousAt}`,
      { field: 'occurredAt', occurredAt, previousAt },
    );
  }
}

/** A cylinder is registered for an owner the network does not know as a supplier. */
export class UnknownCylinderOwner extends CylinderRuleViolation {
  readonly code = 'cylinder.unknown-owner';
  override readonly kind = 'invalid';
  constructor(serial: string, ownerId: string) {
    super(
      serial,
      'registered',
      `ownerId must be a known supplier (one that owns a plant, depot or vehicle); ${ownerId} is not`,
      'not registered',
      { field: 'ownerId', ownerId },
    );
  }
}
