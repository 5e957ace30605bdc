import { InvalidRecord, ValidationIssue } from '../shared/domain-error';

/** Producers fill cylinders (PSA plants, air-separation units); hospitals use them; depots hold stock. */
export const FACILITY_KINDS = ['producer', 'hospital', 'depot'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** Local wall-clock times, `HH:MM`; `closes` may be `24:00`. Opens before it closes (no overnight window). */
export interface ReceivingHours {
  opens: string;
  closes: string;
}

/** Admin-managed reference data: a place cylinders rest at. */
export interface Facility {
  id: string;
  kind: FacilityKind;
  name: string;
  governorate: string;
  latitude: number;
  longitude: number;
  receivingHours?: ReceivingHours;
}

/** What a command needs to know of a facility: which one, and what kind. */
export type FacilityRef = Pick<Facility, 'id' | 'kind'>;

export class InvalidFacility extends InvalidRecord {
  readonly code = 'facility.invalid';

  constructor(issues: readonly ValidationIssue[]) {
    super('facility', issues);
  }
}

export function isFacilityKind(value: unknown): value is FacilityKind {
  return (FACILITY_KINDS as readonly unknown[]).includes(value);
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every problem with `facility`; empty when it is valid. */
export function facilityIssues(facility: Facility): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const text = (field: keyof Facility, max: number) => {
    const value = facility[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
      issues.push({ field, rule: `must be non-blank text of at most ${max} characters` });
    }
  };
  text('id', 128);
  text('name', 200);
  text('governorate', 100);
  if (!isFacilityKind(facility.kind)) {
    issues.push({ field: 'kind', rule: `must be one of ${FACILITY_KINDS.join(', ')}` });
  }
  if (!inRange(facility.latitude, -90, 90)) {
    issues.push({ field: 'latitude', rule: 'must be a number from -90 to 90' });
  }
  if (!inRange(facility.longitude, -180, 180)) {
    issues.push({ field: 'longitude', rule: 'must be a number from -180 to 180' });
  }
  if (facility.receivingHours !== undefined) {
    const { opens, closes } = facility.receivingHours;
    const opensOk = typeof opens === 'string' && TIME.test(opens);
    const closesOk = typeof closes === 'string' && (TIME.test(closes) || closes === '24:00');
    if (!opensOk) issues.push({ field: 'receivingHours.opens', rule: 'must be a time HH:MM' });
    if (!closesOk) {
      issues.push({ field: 'receivingHours.closes', rule: 'must be a time HH:MM (24:00 allowed)' });
    }
    if (opensOk && closesOk && opens >= closes) {
      issues.push({ field: 'receivingHours', rule: 'must open before it closes' });
    }
  }
  return issues;
}

/** `facility` itself when valid; otherwise throws `InvalidFacility` listing every problem. */
export function validateFacility(facility: Facility): Facility {
  const issues = facilityIssues(facility);
  if (issues.length > 0) throw new InvalidFacility(issues);
  return facility;
}

/** Whether a local time `HH:MM` falls in the receiving hours (no hours: always open). */
export function isReceivingAt(
  facility: Pick<Facility, 'receivingHours'>,
  localTime: string,
): boolean {
  const hours = facility.receivingHours;
  return hours === undefined || (localTime >= hours.opens && localTime < hours.closes);
}

function inRange(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
