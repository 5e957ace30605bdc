import type { BySize, PlanningInput } from '../input/planning-input';
import type { PlanningDay } from './planning-day';

/**
 * A plan made before the shift may count on the cylinders each plant can still fill until the
 * trucks leave: from the empties it holds, at its filling line's pace, one size after another
 * (sizes in order of what the hospitals ask for most). Planned during the shift, nothing is
 * added: only cylinders already full are loaded. Returns the input with producers' full stock
 * raised, and what each must fill first.
 */
export function withFillsBeforeShift(
  input: PlanningInput,
  day: PlanningDay,
): { input: PlanningInput; toFill: Map<string, BySize> } {
  const hoursBefore = day.shiftStartMinutes / 60;
  const toFill = new Map<string, BySize>();
  if (hoursBefore <= 0) return { input, toFill };
  const asked: BySize = {};
  for (const hospital of input.hospitals) {
    for (const [code, count] of Object.entries(hospital.deliver))
      asked[code] = (asked[code] ?? 0) + count;
  }
  const sizes = Object.keys(asked).sort((a, b) => asked[b] - asked[a] || a.localeCompare(b));
  const producers = input.producers.map((producer) => {
    let hoursLeft = hoursBefore;
    const filled: BySize = {};
    for (const code of sizes) {
      const rate = producer.fillPerHour[code] ?? 0;
      if (rate <= 0 || hoursLeft <= 0) continue;
      const count = Math.min(producer.empty[code] ?? 0, Math.floor(rate * hoursLeft));
      if (count <= 0) continue;
      filled[code] = count;
      hoursLeft -= count / rate;
    }
    if (Object.keys(filled).length === 0) return producer;
    toFill.set(producer.facility.id, filled);
    const full = { ...producer.full };
    for (const [code, count] of Object.entries(filled)) full[code] = (full[code] ?? 0) + count;
    return { ...producer, full };
  });
  return { input: { ...input, producers }, toFill };
}
