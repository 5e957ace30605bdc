/**
 * A hospital's supply status: oxygen on hand, days of supply, and an (s, S) refill policy per
 * cylinder size — when what it holds and what is on its way falls to the reorder point `s`,
 * send enough to bring it up to the order-up-to level `S`:
 *
 *   reorder point  = daily use × (lead time + safety days)
 *   order-up-to    = daily use × (lead time + safety days + review period)
 *
 * Levels: `out` (nothing on hand), `critical` (less than the safety days), `low` (below the
 * reorder point), `ok`.
 */

export const SUPPLY_LEVELS = ['ok', 'low', 'critical', 'out'] as const;
export type SupplyLevel = (typeof SUPPLY_LEVELS)[number];

export interface SupplyPolicyConfig {
  safetyDays: number;
  reviewPeriodDays: number;
  /** Share of an in-use cylinder's content counted as on hand (on average it is half used). */
  inUseShare: number;
  /** Lead time: loading and handling, plus the drive from the nearest producer. */
  handlingHours: number;
  averageSpeedKmPerHour: number;
}

export const SUPPLY_POLICY_DEFAULTS: SupplyPolicyConfig = {
  safetyDays: 2,
  reviewPeriodDays: 1,
  inUseShare: 0.5,
  handlingHours: 6,
  averageSpeedKmPerHour: 40,
};

/** Lead time in days from the nearest producer `distanceKm` away. */
export function leadTimeDays(
  distanceKm: number,
  config: SupplyPolicyConfig = SUPPLY_POLICY_DEFAULTS,
): number {
  return (config.handlingHours + distanceKm / config.averageSpeedKmPerHour) / 24;
}

/** Great-circle distance in km between two points given in degrees. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** What a hospital holds of one size, and what is on its way to it. */
export interface SizeHolding {
  sizeCode: string;
  /** Oxygen in one full cylinder of this size, litres of gas. */
  litresPerCylinder: number;
  full: number;
  inUse: number;
  /** Full cylinders on trucks with a stop here. */
  inbound: number;
  /** Share of the hospital's daily use drawn from this size (the shares add up to 1). */
  useShare: number;
}

export interface SizeSupply {
  sizeCode: string;
  dailyUseCylinders: number;
  reorderPointCylinders: number;
  orderUpToCylinders: number;
  /** Full, plus the in-use share of the cylinders in use, plus inbound full ones. */
  positionCylinders: number;
  toSendCylinders: number;
}

export interface SupplyStatus {
  level: SupplyLevel;
  needLitresPerDay: number;
  onHandLitres: number;
  /** `null` when the hospital needs nothing. */
  daysOfSupply: number | null;
  reorderPointLitres: number;
  orderUpToLitres: number;
  leadTimeDays: number;
  bySize: SizeSupply[];
}

export function supplyStatus(
  needLitresPerDay: number,
  holdings: readonly SizeHolding[],
  leadDays: number,
  config: SupplyPolicyConfig = SUPPLY_POLICY_DEFAULTS,
): SupplyStatus {
  const onHandLitres = holdings.reduce(
    (sum, size) => sum + size.litresPerCylinder * (size.full + config.inUseShare * size.inUse),
    0,
  );
  const coverDays = leadDays + config.safetyDays;
  const reorderPointLitres = needLitresPerDay * coverDays;
  const orderUpToLitres = needLitresPerDay * (coverDays + config.reviewPeriodDays);
  const daysOfSupply = needLitresPerDay > 0 ? onHandLitres / needLitresPerDay : null;
  const totalShare = holdings.reduce((sum, size) => sum + size.useShare, 0);

  const bySize = holdings.map((size): SizeSupply => {
    const share = totalShare > 0 ? size.useShare / totalShare : 0;
    const dailyUseCylinders = (needLitresPerDay * share) / size.litresPerCylinder;
    const reorderPointCylinders = Math.ceil(dailyUseCylinders * coverDays);
    const orderUpToCylinders = Math.ceil(dailyUseCylinders * (coverDays + config.reviewPeriodDays));
    const positionCylinders = size.full + config.inUseShare * size.inUse + size.inbound;
    const toSendCylinders =
      dailyUseCylinders > 0 && positionCylinders <= reorderPointCylinders
        ? Math.max(0, Math.ceil(orderUpToCylinders - positionCylinders))
        : 0;
    return {
      sizeCode: size.sizeCode,
      dailyUseCylinders,
      reorderPointCylinders,
      orderUpToCylinders,
      positionCylinders,
      toSendCylinders,
    };
  });

  return {
    level: levelOf(needLitresPerDay, onHandLitres, daysOfSupply, reorderPointLitres, config),
    needLitresPerDay,
    onHandLitres,
    daysOfSupply,
    reorderPointLitres,
    orderUpToLitres,
    leadTimeDays: leadDays,
    bySize,
  };
}

function levelOf(
  need: number,
  onHand: number,
  days: number | null,
  reorderPoint: number,
  config: SupplyPolicyConfig,
): SupplyLevel {
  if (need <= 0) return 'ok';
  if (onHand <= 0) return 'out';
  if (days !== null && days < config.safetyDays) return 'critical';
  if (onHand < reorderPoint) return 'low';
  return 'ok';
}
