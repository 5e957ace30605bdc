import { describe, expect, it } from 'vitest';
import type { HospitalSupply } from '../api/views';
import { daysByHospital } from './GovernoratePage';

const hospital = (name: string, daysOfSupply: number | null) =>
  ({ facilityId: name, name, daysOfSupply }) as HospitalSupply;

describe("the governorate's days-of-supply chart", () => {
  it('draws one bar per hospital, fewest days first, unknown left out, long ones capped', () => {
    expect(
      daysByHospital([
        hospital('b', 4.123),
        hospital('c', null),
        hospital('a', 0.5),
        hospital('d', 90),
      ]),
    ).toEqual([
      { hospital: 'a', days: 0.5 },
      { hospital: 'b', days: 4.12 },
      { hospital: 'd', days: 30 },
    ]);
  });
});
