/**
 * How much oxygen a hospital needs per day, in litres of gas. Two estimates, blended:
 *
 * - clinical: from the beds and the census of patients on oxygen, with WHO planning figures
 *   (WHO/UNICEF "Technical specifications for oxygen concentrators" and the WHO COVID-19
 *   "Oxygen sources and distribution" guidance: ~10 L/min for a severe patient, ~30 L/min for a
 *   critical one, continuously), plus a bed-based baseline for the beds the census does not cover;
 * - consumption: what the ledger says the hospital actually empties per day, exponentially
 *   smoothed.
 *
 * The blend uses consumption once there are `minHistoryDays` of it, the clinical estimate before.
 * History never hides a surge: while the latest census is recent (`surgeCensusMaxAgeHours`) and
 * the clinical estimate exceeds consumption, the need follows the census at once.
 * Every factor is configuration (`OXYGEN_NEED_DEFAULTS`).
 */

export const MINUTES_PER_DAY = 1_440;

/** A kind of bed: how full it is, what share of its patients need oxygen, and at what flow. */
export interface BedOxygenUse {
  occupancy: number;
  shareOnOxygen: number;
  litresPerMinute: number;
}

export const BED_KINDS = ['general', 'icu', 'neonatal'] as const;
export type BedKind = (typeof BED_KINDS)[number];

export interface OxygenNeedConfig {
  severeLitresPerMinute: number;
  criticalLitresPerMinute: number;
  /** Baseline per bed kind, for the beds not taken by census patients. */
  beds: Record<BedKind, BedOxygenUse>;
  /** Half-life of the exponential smoothing of daily consumption, in days. */
  consumptionHalfLifeDays: number;
  /** Days of consumption history before the consumption estimate is trusted. */
  minHistoryDays: number;
  /**
   * A census younger than this (hours) that implies more need than consumption shows sets the
   * need by itself: patients arriving today are not in last month's empties.
   */
  surgeCensusMaxAgeHours: number;
}

export const OXYGEN_NEED_DEFAULTS: OxygenNeedConfig = {
  severeLitresPerMinute: 10,
  criticalLitresPerMinute: 30,
  beds: {
    // general wards: 80 % occupied, 20 % of patients on oxygen at 2 L/min
    general: { occupancy: 0.8, shareOnOxygen: 0.2, litresPerMinute: 2 },
    // ICU, theatre, emergency: full, everyone on oxygen, 9 L/min (WHO range 8–10)
    icu: { occupancy: 1, shareOnOxygen: 1, litresPerMinute: 9 },
    // neonatal: 80 % occupied, half on oxygen at 1 L/min (WHO: 0.5–1 L/min for neonates)
    neonatal: { occupancy: 0.8, shareOnOxygen: 0.5, litresPerMinute: 1 },
  },
  consumptionHalfLifeDays: 7,
  minHistoryDays: 14,
  surgeCensusMaxAgeHours: 48,
};

export interface Census {
  /** Patients on oxygen now with severe disease (general wards). */
  severe: number;
  /** Patients on oxygen now in critical condition (ICU). */
  critical: number;
}

/**
 * Litres per day the beds and the census imply. Severe patients are taken to lie in general
 * beds and critical ones in ICU beds, so the baseline counts only the beds they leave free.
 */
export function clinicalNeedLitresPerDay(
  beds: Record<BedKind, number>,
  census: Census,
  config: OxygenNeedConfig = OXYGEN_NEED_DEFAULTS,
): number {
  const patients =
    census.severe * config.severeLitresPerMinute + census.critical * config.criticalLitresPerMinute;
  const freeBeds: Record<BedKind, number> = {
    general: Math.max(0, beds.general - census.severe),
    icu: Math.max(0, beds.icu - census.critical),
    neonatal: beds.neonatal,
  };
  const baseline = BED_KINDS.reduce((sum, kind) => {
    const use = config.beds[kind];
    return sum + freeBeds[kind] * use.occupancy * use.shareOnOxygen * use.litresPerMinute;
  }, 0);
  return (patients + baseline) * MINUTES_PER_DAY;
}

/**
 * Exponentially weighted mean of daily consumption, oldest day first (every day present, zero
 * when nothing was emptied). Weight of a day halves every `halfLifeDays` into the past.
 */
export function smoothedConsumptionLitresPerDay(
  dailyLitres: readonly number[],
  halfLifeDays: number = OXYGEN_NEED_DEFAULTS.consumptionHalfLifeDays,
): number | undefined {
  if (dailyLitres.length === 0) return undefined;
  const alpha = 1 - Math.pow(0.5, 1 / halfLifeDays);
  let mean = dailyLitres[0];
  for (const litres of dailyLitres.slice(1)) mean = alpha * litres + (1 - alpha) * mean;
  return mean;
}

export interface OxygenNeed {
  litresPerDay: number;
  /** `census-surge`: a recent census implies more than consumption shows, and wins. */
  basis: 'consumption' | 'clinical' | 'census-surge';
  clinicalLitresPerDay: number;
  consumptionLitresPerDay: number | undefined;
}

/** When the latest census was taken, and the instant the need is computed for. */
export interface CensusTiming {
  censusAt: string | null;
  now: string;
}

/**
 * The consumption estimate once there is `minHistoryDays` of history, the clinical one before;
 * but when the census is recent and the clinical estimate exceeds consumption, the clinical one
 * at once (a surge shows in the census days before it shows in the empties).
 */
export function blendedNeed(
  clinicalLitresPerDay: number,
  dailyConsumption: readonly number[],
  config: OxygenNeedConfig = OXYGEN_NEED_DEFAULTS,
  timing?: CensusTiming,
): OxygenNeed {
  const consumption = smoothedConsumptionLitresPerDay(
    dailyConsumption,
    config.consumptionHalfLifeDays,
  );
  const trusted = consumption !== undefined && dailyConsumption.length >= config.minHistoryDays;
  const estimates = { clinicalLitresPerDay, consumptionLitresPerDay: consumption };
  if (!trusted) return { litresPerDay: clinicalLitresPerDay, basis: 'clinical', ...estimates };
  if (isRecent(timing, config.surgeCensusMaxAgeHours) && clinicalLitresPerDay > consumption) {
    return { litresPerDay: clinicalLitresPerDay, basis: 'census-surge', ...estimates };
  }
  return { litresPerDay: consumption, basis: 'consumption', ...estimates };
}

function isRecent(timing: CensusTiming | undefined, maxAgeHours: number): boolean {
  if (!timing?.censusAt) return false;
  const ageMs = Date.parse(timing.now) - Date.parse(timing.censusAt);
  return ageMs <= maxAgeHours * 3_600_000;
}
