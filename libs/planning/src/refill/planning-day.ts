import type { ReceivingHours } from '../input/planning-input';
import type { PlanningConfig } from '../planning.config';

/**
 * The shift a plan is for, and clock times of that day as minutes from the planning moment:
 * the solver's time axis. Local clock times become instants with the configured UTC offset.
 */
export class PlanningDay {
  /** Start of the local day the shift is on, as an instant (ms). */
  private readonly dayStart: number;
  readonly shiftStartMinutes: number;
  readonly shiftEndMinutes: number;
  /**
   * The earliest a truck leaves its plant: loaded first (PLANNING_LOADING_MINUTES), from the
   * start of the shift, or from now when planned during it, never at the second of planning.
   */
  readonly earliestDepartureMinutes: number;

  constructor(
    readonly now: Date,
    config: Pick<PlanningConfig, 'shift' | 'utcOffsetMinutes'> &
      Partial<Pick<PlanningConfig, 'loadingMinutes'>>,
  ) {
    const offsetMs = config.utcOffsetMinutes * 60_000;
    const localMidnight =
      Math.floor((now.getTime() + offsetMs) / 86_400_000) * 86_400_000 - offsetMs;
    const endToday = localMidnight + clockMinutes(config.shift.ends) * 60_000;
    // Less than an hour of today's shift left: plan tomorrow's.
    this.dayStart =
      now.getTime() > endToday - 3_600_000 ? localMidnight + 86_400_000 : localMidnight;
    this.shiftStartMinutes = Math.max(0, this.minutesFromNow(config.shift.starts));
    this.shiftEndMinutes = this.minutesFromNow(config.shift.ends);
    this.earliestDepartureMinutes = this.shiftStartMinutes + (config.loadingMinutes ?? 0);
  }

  /** A local `HH:MM` of the plan's day, as minutes after the planning moment. */
  minutesFromNow(clock: string): number {
    return (this.dayStart + clockMinutes(clock) * 60_000 - this.now.getTime()) / 60_000;
  }

  /** `[opens, closes]` in minutes from now, or undefined when deliveries are taken any time. */
  receivingWindow(hours: ReceivingHours | null): [number, number] | undefined {
    if (!hours) return undefined;
    return [this.minutesFromNow(hours.opens), this.minutesFromNow(hours.closes)];
  }

  instant(minutesFromNow: number): string {
    return new Date(this.now.getTime() + Math.round(minutesFromNow * 60_000)).toISOString();
  }

  minutesOf(instant: string): number {
    return (Date.parse(instant) - this.now.getTime()) / 60_000;
  }
}

function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}
