import { DomainError, InvalidRecord, ValidationIssue } from '../shared/domain-error';

/**
 * A gas grade as configuration data, like cylinder sizes: the purity band a fill must measure
 * within for the cylinder to count as full of that grade. Code never branches on a grade code.
 */
export interface GasGrade {
  /** Recorded on the cylinder at registration, e.g. `oxygen-93`. */
  code: string;
  name: string;
  /** Lowest acceptable O₂ purity, percent (inclusive). */
  minPurityPercent: number;
  /** Highest acceptable O₂ purity, percent (inclusive). */
  maxPurityPercent: number;
}

/**
 * The two medical oxygen grades in use: PSA/VSA plants' "Oxygen 93 %" (European and
 * International Pharmacopoeia: 90.0–96.0 % O₂) and liquid/cryogenic medical oxygen (≥ 99.5 %).
 */
export const STANDARD_GAS_GRADES: readonly GasGrade[] = [
  {
    code: 'oxygen-93',
    name: 'Oxygen 93 % (PSA/VSA plants)',
    minPurityPercent: 90,
    maxPurityPercent: 96,
  },
  {
    code: 'oxygen-99.5',
    name: 'Medical oxygen 99.5 % (liquid source)',
    minPurityPercent: 99.5,
    maxPurityPercent: 100,
  },
];

export class UnknownGasGrade extends DomainError {
  readonly code = 'gas-grade.unknown';
  readonly kind = 'invalid';

  constructor(gasGrade: string, known: readonly string[], serial?: string) {
    super(
      `${serial ? `Cylinder ${serial}: ` : ''}unknown gas grade '${gasGrade}' (known: ${known.join(', ') || 'none'})`,
      {
        serial,
        rule: 'a gas grade must be in the gas grade catalog',
        gasGrade,
        knownGrades: [...known],
      },
    );
  }
}

export class InvalidGasGradeCatalog extends InvalidRecord {
  readonly code = 'gas-grade.invalid-catalog';

  constructor(issues: readonly ValidationIssue[]) {
    super('gas grade catalog', issues);
  }
}

const GRADE_CODE = /^[a-z0-9][a-z0-9\-_.]{0,31}$/;

/** The grades a deployment knows, looked up by code. Immutable once built. */
export class GasGradeCatalog {
  private readonly byCode: ReadonlyMap<string, GasGrade>;

  constructor(grades: readonly GasGrade[]) {
    const issues: ValidationIssue[] = [];
    const byCode = new Map<string, GasGrade>();
    grades.forEach((grade, index) => {
      const at = `grades[${index}]`;
      if (typeof grade.code !== 'string' || !GRADE_CODE.test(grade.code)) {
        issues.push({
          field: `${at}.code`,
          rule: 'must be 1–32 lower-case letters, digits or - _ .',
        });
      } else if (byCode.has(grade.code)) {
        issues.push({ field: `${at}.code`, rule: `repeats grade '${grade.code}'` });
      }
      const { minPurityPercent: min, maxPurityPercent: max } = grade;
      if (!isPercent(min)) issues.push({ field: `${at}.minPurityPercent`, rule: 'must be 0–100' });
      if (!isPercent(max)) issues.push({ field: `${at}.maxPurityPercent`, rule: 'must be 0–100' });
      if (isPercent(min) && isPercent(max) && min > max) {
        issues.push({ field: `${at}.minPurityPercent`, rule: 'must not exceed maxPurityPercent' });
      }
      if (typeof grade.code === 'string' && !byCode.has(grade.code))
        byCode.set(grade.code, { ...grade });
    });
    if (grades.length === 0) issues.push({ field: 'grades', rule: 'must list at least one grade' });
    if (issues.length > 0) throw new InvalidGasGradeCatalog(issues);
    this.byCode = byCode;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** The grade with `code`; throws `UnknownGasGrade` otherwise. */
  get(code: string, serial?: string): GasGrade {
    const grade = this.byCode.get(code);
    if (!grade) throw new UnknownGasGrade(code, this.codes(), serial);
    return { ...grade };
  }

  codes(): string[] {
    return [...this.byCode.keys()];
  }

  list(): GasGrade[] {
    return [...this.byCode.values()].map((grade) => ({ ...grade }));
  }
}

function isPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}
