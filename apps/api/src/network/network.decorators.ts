import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import {
  isKnownGovernorate,
  capacityProblem,
  governorateMessage,
  isSlug,
  receivingHoursProblem,
  slugMessage,
} from '@oxyledger/network';

/** class-validator decorators for the request DTOs, over the rules of `network.rules`. */

export function IsSlug(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSlug',
      validator: { validate: isSlug, defaultMessage: (args) => slugMessage(args!.property) },
    },
    options,
  );
}

export function IsGovernorate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGovernorate',
      validator: {
        validate: isKnownGovernorate,
        defaultMessage: (args) => governorateMessage(args!.property),
      },
    },
    options,
  );
}

export function IsReceivingHours(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReceivingHours',
      validator: {
        validate: (value) => receivingHoursProblem(value) === undefined,
        defaultMessage: (args) => receivingHoursProblem(args!.value, args!.property) ?? '',
      },
    },
    options,
  );
}

export function IsVehicleCapacity(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVehicleCapacity',
      validator: {
        validate: (value) => capacityProblem(value) === undefined,
        defaultMessage: (args) => capacityProblem(args!.value, args!.property) ?? '',
      },
    },
    options,
  );
}

/** Leading and trailing spaces of a string are dropped before it is validated. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  );
}

/** A query-string flag: `true` and `false` become booleans; anything else fails `@IsBoolean`. */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );
}

/** The field may be left out, but not sent as null (unlike `@IsOptional`, which skips null too). */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
