import { HttpException, HttpStatus } from '@nestjs/common';
import { InvalidRecord, type ValidationIssue } from '@oxyledger/domain';
import type { CsvRowError } from './partner-csv';

/** A directory record breaks its rules: 422 listing every field with its rule. */
export class InvalidPartnerRecord extends InvalidRecord {
  readonly code = 'partner.invalid';

  constructor(what: 'organisation' | 'person', issues: readonly ValidationIssue[]) {
    super(`partner ${what}`, issues);
  }
}

export class PartnerNotFound extends HttpException {
  constructor(what: 'organisation' | 'person', id: string) {
    super(
      {
        statusCode: HttpStatus.NOT_FOUND,
        error: `partner.${what}-not-found`,
        message: `No ${what} ${id} in the partner directory`,
      },
      HttpStatus.NOT_FOUND,
    );
  }
}

/** The CSV import refused: nothing was written; `errors` names each line, field and rule. */
export class PartnerCsvRefused extends HttpException {
  constructor(errors: CsvRowError[]) {
    super(
      {
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        error: 'partner.csv-invalid',
        message: `Import refused, nothing was written (${errors.length} error${errors.length === 1 ? '' : 's'}): ${errors
          .slice(0, 5)
          .map((e) => `line ${e.line} ${e.field} ${e.rule}`)
          .join('; ')}`,
        errors,
      },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}
