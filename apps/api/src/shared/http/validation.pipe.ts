import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import type { FieldViolation } from '@oxyledger/domain';

export type { FieldViolation };

/**
 * Every request body is checked against its DTO: unknown fields and wrong types are refused
 * with a 400 listing each field and the rule it breaks, before any command runs.
 */
export function createValidationPipe(): ValidationPipe {
  return new NullRefusingValidationPipe({
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

/**
 * class-validator's `@IsOptional()` lets `null` through as if the field were absent, so a
 * `{"active": null}` would reach the database. Here `null` is refused (400 naming the field)
 * unless the DTO documents the field as `nullable` (e.g. a user's `facilityId: null` clears it).
 */
class NullRefusingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nulls =
      metadata.type === 'body' || metadata.type === 'query'
        ? nullViolations(value, metadata.metatype, '')
        : [];
    let transformed: unknown;
    try {
      transformed = await super.transform(value, metadata);
    } catch (error) {
      const response = error instanceof BadRequestException ? error.getResponse() : undefined;
      const violations = (response as { violations?: FieldViolation[] } | undefined)?.violations;
      if (nulls.length === 0 || !violations) throw error;
      // A rule the DTO already names for the field says enough; add only the silent nulls.
      const named = new Set(violations.map((violation) => violation.field));
      throw invalid([...violations, ...nulls.filter((violation) => !named.has(violation.field))]);
    }
    if (nulls.length > 0) throw invalid(nulls);
    return transformed;
  }
}

function invalid(violations: FieldViolation[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'The request is invalid',
    violations,
  });
}

type DtoClass = { prototype: object };

/** Where @nestjs/swagger's `@ApiProperty()` keeps each DTO field's documentation. */
const DECORATORS = {
  API_MODEL_PROPERTIES: 'swagger/apiModelProperties',
  API_MODEL_PROPERTIES_ARRAY: 'swagger/apiModelPropertiesArray',
};

function nullViolations(value: unknown, metatype: unknown, parent: string): FieldViolation[] {
  if (typeof metatype !== 'function' || typeof value !== 'object' || value === null) return [];
  const dto = metatype as DtoClass;
  const fields = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, dto.prototype) ??
    []) as string[];
  return fields.flatMap((entry) => {
    const key = entry.replace(/^:/, '');
    const property = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dto.prototype, key) ??
      {}) as { nullable?: boolean; type?: unknown };
    const field = parent ? `${parent}.${key}` : key;
    const item = (value as Record<string, unknown>)[key];
    if (item === null) {
      return property.nullable
        ? []
        : [{ field, rule: 'notNull', message: `${field} must not be null; leave it out instead` }];
    }
    const nested = typeof property.type === 'function' ? property.type : undefined;
    if (nested === undefined || [String, Number, Boolean, Object, Date].includes(nested as never)) {
      return [];
    }
    const type = (nested as () => unknown).prototype ? nested : undefined;
    if (Array.isArray(item)) {
      return item.flatMap((element, index) => nullViolations(element, type, `${field}[${index}]`));
    }
    return nullViolations(item, type, field);
  });
}
