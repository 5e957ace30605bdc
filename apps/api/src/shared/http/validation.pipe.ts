import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldViolation } from '@oxyledger/domain';

export type { FieldViolation };

/**
 * Every request body is checked against its DTO: unknown fields and wrong types are refused
 * with a 400 listing each field and the rule it breaks, before any command runs.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request is invalid',
        violations: flattenViolations(errors),
      }),
  });
}

export function flattenViolations(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flattenViolations(error.children ?? [], field)];
  });
}
