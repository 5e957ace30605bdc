import { DomainError, InvalidRecord, ValidationIssue } from '../shared/domain-error';

/**
 * A cylinder size as configuration data. Code reads sizes from a catalog and never branches on
 * a size code: adding a size is a data change.
 */
export interface CylinderSize {
  /** Short code printed on the cylinder, e.g. `E`. */
  code: string;
  /** Internal volume of the shell in litres. */
  waterCapacityLitres: number;
  /** Oxygen content when full at the nominal pressure, in litres of gas at atmospheric pressure. */
  oxygenLitres: number;
  /** Nominal fill pressure in bar, if the size has one. */
  nominalPressureBar?: number;
  /**
   * The band a fill's measured pressure must fall in (bar, inclusive) for the cylinder to count
   * as full: the rated pressure with the tolerance of a fill read warm or cold off the manifold.
   * A size without a band takes any pressure above zero.
   */
  fillPressureBar?: { min: number; max: number };
}

/** 137 bar rated, read between 120 (a cool, settled fill) and 150 bar (warm off the manifold). */
const RATED_137_BAR = { nominalPressureBar: 137, fillPressureBar: { min: 120, max: 150 } };

/** Typical medical sizes (water capacity → oxygen content at ~137 bar). */
export const STANDARD_CYLINDER_SIZES: readonly CylinderSize[] = [
  { code: 'D', waterCapacityLitres: 2.3, oxygenLitres: 340, ...RATED_137_BAR },
  { code: 'E', waterCapacityLitres: 4.7, oxygenLitres: 680, ...RATED_137_BAR },
  { code: 'F', waterCapacityLitres: 9.4, oxygenLitres: 1360, ...RATED_137_BAR },
  { code: 'J', waterCapacityLitres: 47.2, oxygenLitres: 6800, ...RATED_137_BAR },
];

export class UnknownCylinderSize extends DomainError {
  readonly code = 'cylinder-size.unknown';
  readonly kind = 'invalid';

  constructor(sizeCode: string, known: readonly string[], serial?: string) {
    super(
      `${serial ? `Cylinder ${serial}: ` : ''}unknown cylinder size '${sizeCode}' (known: ${known.join(', ') || 'none'})`,
      {
        serial,
        rule: 'a cylinder size must be in the size catalog',
        sizeCode,
        knownSizes: [...known],
      },
    );
  }
}

export class InvalidCylinderSizeCatalog extends InvalidRecord {
  readonly code = 'cylinder-size.invalid-catalog';

  constructor(issues: readonly ValidationIssue[]) {
    super('cylinder size catalog', issues);
  }
}

const SIZE_CODE = /^[A-Za-z0-9][A-Za-z0-9\-_.]{0,15}$/;

/** The sizes a deployment knows, looked up by code. Immutable once built. */
export class CylinderSizeCatalog {
  private readonly byCode: ReadonlyMap<string, CylinderSize>;

  constructor(sizes: readonly CylinderSize[]) {
    const issues: ValidationIssue[] = [];
    const byCode = new Map<string, CylinderSize>();
    sizes.forEach((size, index) => {
      const at = `sizes[${index}]`;
      if (typeof size.code !== 'string' || !SIZE_CODE.test(size.code)) {
        issues.push({ field: `${at}.code`, rule: 'must be 1–16 letters, digits or - _ .' });
      } else if (byCode.has(size.code)) {
        issues.push({ field: `${at}.code`, rule: `repeats size '${size.code}'` });
      }
      for (const field of ['waterCapacityLitres', 'oxygenLitres'] as const) {
        if (!isPositive(size[field]))
          issues.push({ field: `${at}.${field}`, rule: 'must be a positive number' });
      }
      if (size.nominalPressureBar !== undefined && !isPositive(size.nominalPressureBar)) {
        issues.push({ field: `${at}.nominalPressureBar`, rule: 'must be a positive number' });
      }
      const band = size.fillPressureBar;
      if (band !== undefined) {
        if (!isPositive(band?.min) || !isPositive(band?.max) || band.min > band.max) {
          issues.push({
            field: `${at}.fillPressureBar`,
            rule: 'must be { min, max } in bar, both positive, min not above max',
          });
        }
      }
      if (typeof size.code === 'string' && !byCode.has(size.code))
        byCode.set(size.code, { ...size });
    });
    if (sizes.length === 0) issues.push({ field: 'sizes', rule: 'must list at least one size' });
    if (issues.length > 0) throw new InvalidCylinderSizeCatalog(issues);
    this.byCode = byCode;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** The size with `code`; throws `UnknownCylinderSize` otherwise. */
  get(code: string, serial?: string): CylinderSize {
    const size = this.byCode.get(code);
    if (!size) throw new UnknownCylinderSize(code, this.codes(), serial);
    return { ...size };
  }

  codes(): string[] {
    return [...this.byCode.keys()];
  }

  list(): CylinderSize[] {
    return [...this.byCode.values()].map((size) => ({ ...size }));
  }

  /** Oxygen litres in `count` full cylinders of `code`. */
  oxygenLitres(code: string, count = 1): number {
    return this.get(code).oxygenLitres * count;
  }
}

function isPositive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
