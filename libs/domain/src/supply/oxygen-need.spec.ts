import { supplyStatus } from './supply-status';
import {
  blendedNeed,
  clinicalNeedLitresPerDay,
  OXYGEN_NEED_DEFAULTS,
  smoothedConsumptionLitresPerDay,
} from './oxygen-need';

describe('oxygen need', () => {
  describe('clinical estimate', () => {
    it('adds the census patients to a baseline for the beds they leave free (worked example)', () => {
      // Given 100 general, 10 ICU and 10 neonatal beds; 5 severe and 2 critical patients
      const beds = { general: 100, icu: 10, neonatal: 10 };
      const census = { severe: 5, critical: 2 };

      // Then, by hand, in L/min:
      //   patients        5 × 10 + 2 × 30            = 110
      //   general beds    (100 − 5) × 0.8 × 0.2 × 2  =  30.4
      //   ICU beds        (10 − 2) × 1 × 1 × 9       =  72
      //   neonatal beds   10 × 0.8 × 0.5 × 1         =   4
      //   total 216.4 L/min × 1,440 min              = 311,616 L/day
      expect(clinicalNeedLitresPerDay(beds, census)).toBeCloseTo(311_616, 6);
    });

    it('never counts negative free beds when the census exceeds the beds', () => {
      const need = clinicalNeedLitresPerDay(
        { general: 2, icu: 0, neonatal: 0 },
        { severe: 4, critical: 1 },
      );
      expect(need).toBe((4 * 10 + 1 * 30) * 1_440);
    });

    it('takes every factor from configuration', () => {
      const config = {
        ...OXYGEN_NEED_DEFAULTS,
        severeLitresPerMinute: 15,
        beds: {
          ...OXYGEN_NEED_DEFAULTS.beds,
          general: { occupancy: 1, shareOnOxygen: 1, litresPerMinute: 1 },
        },
      };
      const need = clinicalNeedLitresPerDay(
        { general: 10, icu: 0, neonatal: 0 },
        { severe: 2, critical: 0 },
        config,
      );
      expect(need).toBe((2 * 15 + 8 * 1) * 1_440);
    });
  });

  describe('consumption estimate', () => {
    it('smooths daily consumption exponentially (half-life 1 day: each day weighs half)', () => {
      // 100 → 0.5 × 200 + 0.5 × 100 = 150 → 0.5 × 300 + 0.5 × 150 = 225
      expect(smoothedConsumptionLitresPerDay([100, 200, 300], 1)).toBeCloseTo(225, 9);
    });

    it('has no estimate without history', () => {
      expect(smoothedConsumptionLitresPerDay([])).toBeUndefined();
    });
  });

  describe('blended need', () => {
    const config = { ...OXYGEN_NEED_DEFAULTS, consumptionHalfLifeDays: 1, minHistoryDays: 3 };

    it('uses consumption once there are enough days of it', () => {
      expect(blendedNeed(50_000, [100, 200, 300], config)).toEqual({
        litresPerDay: 225,
        basis: 'consumption',
        clinicalLitresPerDay: 50_000,
        consumptionLitresPerDay: 225,
      });
    });

    it('uses the clinical estimate before that', () => {
      expect(blendedNeed(50_000, [100, 200], config)).toMatchObject({
        litresPerDay: 50_000,
        basis: 'clinical',
      });
    });
  });

  describe('a reported surge (the README worked example)', () => {
    // 20 general and 4 ICU beds; 30 days of history at 2,000 L/day (low, steady use);
    // 19 full J cylinders on hand (6,800 L each = 129,200 L): 64.6 days at that rate.
    const beds = { general: 20, icu: 4, neonatal: 0 };
    const history = Array.from({ length: 30 }, () => 2_000);
    const onHand = [
      { sizeCode: 'J', litresPerCylinder: 6_800, full: 19, inUse: 0, inbound: 0, useShare: 1 },
    ];
    const now = '2026-12-03T09:00:00Z';
    // Census this morning: 2 severe patients. Clinical need, L/min:
    //   patients 2 × 10 = 20; general beds (20 − 2) × 0.8 × 0.2 × 2 = 5.76; ICU 4 × 9 = 36
    //   total 61.76 L/min × 1,440 = 88,934.4 L/day
    const clinical = clinicalNeedLitresPerDay(beds, { severe: 2, critical: 0 });

    it('follows a census under 48 hours old that implies more than consumption shows', () => {
      expect(clinical).toBeCloseTo(88_934.4, 6);
      const need = blendedNeed(clinical, history, OXYGEN_NEED_DEFAULTS, {
        censusAt: '2026-12-03T07:30:00Z',
        now,
      });
      expect(need).toMatchObject({ litresPerDay: clinical, basis: 'census-surge' });
      // 129,200 / 88,934.4 = 1.45 days: under the 2 safety days
      const status = supplyStatus(need.litresPerDay, onHand, 0.3);
      expect(status.daysOfSupply).toBeCloseTo(1.45, 2);
      expect(status.level).toBe('critical');
    });

    it('keeps to consumption once the census is older than 48 hours', () => {
      const need = blendedNeed(clinical, history, OXYGEN_NEED_DEFAULTS, {
        censusAt: '2026-12-01T08:59:00Z',
        now,
      });
      expect(need).toMatchObject({ litresPerDay: 2_000, basis: 'consumption' });
      expect(supplyStatus(need.litresPerDay, onHand, 0.3).level).toBe('ok');
    });

    it('keeps to consumption when a recent census implies less than consumption shows', () => {
      const quiet = clinicalNeedLitresPerDay(
        { general: 2, icu: 0, neonatal: 0 },
        { severe: 0, critical: 0 },
      );
      const need = blendedNeed(quiet, history, OXYGEN_NEED_DEFAULTS, { censusAt: now, now });
      expect(need).toMatchObject({ litresPerDay: 2_000, basis: 'consumption' });
    });
  });
});
