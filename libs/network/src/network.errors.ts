import type { FieldViolation } from '@oxyledger/domain';

/**
 * Refusals of the network service. Each knows its HTTP answer (`httpStatus`, `code`), which the
 * api's error filter (`shared/http`) turns into the response; command handlers may catch them.
 */
export abstract class NetworkError extends Error {
  abstract readonly httpStatus: number;
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class FacilityNotFoundError extends NetworkError {
  readonly httpStatus = 404;
  readonly code = 'facility.not-found';

  constructor(readonly facilityId: string) {
    super(`Facility ${facilityId} does not exist`);
  }

  toJSON(): Record<string, unknown> {
    return { facilityId: this.facilityId };
  }
}

/** Why only a facility of a given kind will do, as the refusal says it. */
const KIND_REQUIRED = {
  hospital: { code: 'demand.not-a-hospital', rule: 'only hospitals have an oxygen demand profile' },
  producer: { code: 'plant.not-a-plant', rule: 'only producer plants have a fill capacity' },
} as const;

/** The facility exists, but the request is about another kind of facility. */
export class FacilityOfWrongKindError extends NetworkError {
  readonly httpStatus = 422;
  readonly code: string;

  constructor(
    readonly facilityId: string,
    kind: string,
    required: keyof typeof KIND_REQUIRED,
  ) {
    super(`Facility ${facilityId} is a ${kind}: ${KIND_REQUIRED[required].rule}`);
    this.code = KIND_REQUIRED[required].code;
  }

  toJSON(): Record<string, unknown> {
    return { facilityId: this.facilityId };
  }
}

export class VehicleNotFoundError extends NetworkError {
  readonly httpStatus = 404;
  readonly code = 'vehicle.not-found';

  constructor(readonly vehicleId: string) {
    super(`Vehicle ${vehicleId} does not exist`);
  }

  toJSON(): Record<string, unknown> {
    return { vehicleId: this.vehicleId };
  }
}

export class FacilityAlreadyExistsError extends NetworkError {
  readonly httpStatus = 409;
  readonly code = 'facility.already-exists';

  constructor(readonly facilityId: string) {
    super(`Facility ${facilityId} already exists`);
  }

  toJSON(): Record<string, unknown> {
    return { facilityId: this.facilityId };
  }
}

export class VehicleAlreadyExistsError extends NetworkError {
  readonly httpStatus = 409;
  readonly code = 'vehicle.already-exists';

  constructor(readonly vehicleId: string) {
    super(`Vehicle ${vehicleId} already exists`);
  }

  toJSON(): Record<string, unknown> {
    return { vehicleId: this.vehicleId };
  }
}

/** A facility that vehicles are based at cannot become a hospital: move the vehicles first. */
export class FacilityHasVehiclesError extends NetworkError {
  readonly httpStatus = 409;
  readonly code = 'facility.has-vehicles';

  constructor(
    readonly facilityId: string,
    readonly vehicleIds: string[],
  ) {
    super(
      `Facility ${facilityId} is the depot of vehicle(s) ${vehicleIds.join(', ')}; ` +
        'move them to another producer or depot before making it a hospital',
    );
  }

  toJSON(): Record<string, unknown> {
    return { facilityId: this.facilityId, vehicleIds: this.vehicleIds };
  }
}

/**
 * Master data that breaks a rule: answered like the validation pipe's 400 (the same body
 * shape), listing each field and the rule it breaks.
 */
export class NetworkValidationError extends NetworkError {
  readonly httpStatus = 400;
  readonly code = 'Bad Request';

  constructor(
    readonly subject: string,
    readonly violations: FieldViolation[],
  ) {
    super(`${subject} is invalid: ${violations.map((v) => v.message).join('; ')}`);
  }

  toJSON(): Record<string, unknown> {
    return { message: 'The request is invalid', violations: this.violations };
  }
}
