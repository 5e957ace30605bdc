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
});
