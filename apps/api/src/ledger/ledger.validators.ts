import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';

/** How serials are printed on cylinders (and read by scanners). */
export const SERIAL_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
export const SERIAL_RULE =
  'must be 3–32 capital letters, digits or dashes (as printed on the cylinder)';

/** A list of cylinder serials, as scanned: `min` to `max` of them, each well formed. */
export function IsSerialList(options: { min?: number; max?: number } = {}): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(options.min ?? 0),
    ArrayMaxSize(options.max ?? 500),
    Matches(SERIAL_PATTERN, { each: true, message: `each serial ${SERIAL_RULE}` }),
  );
}

/** A facility id (or any other slug id): lowercase letters, digits and dashes. */
export function IsSlugId(field: string): PropertyDecorator {
  return Matches(/^[a-z0-9-]{3,64}$/, {
    message: `${field} must be an id of 3–64 lowercase letters, digits or dashes`,
  });
}
