/**
 * Quiet hours: a daily window in the user's time zone ("22:00"–"07:00" may cross midnight)
 * during which e-mail is held and sent when the window ends. Urgent notifications (a hospital
 * critical or out, a lot recall, a critical help request) pass through unless the user turned
 * `urgentOverridesQuiet` off. The inbox is never held: it is read when the user chooses.
 */
export interface QuietHours {
  /** "HH:MM", 24-hour clock, in `timeZone`. */
  start: string;
  end: string;
  timeZone: string;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && CLOCK.test(value);
}

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function minutesOf(clock: string): number {
  const [, h, m] = CLOCK.exec(clock)!;
  return Number(h) * 60 + Number(m);
}

/** Minutes since local midnight at `at` in `timeZone` (seconds dropped). */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  return hour * 60 + minute;
}

/**
 * When a message that is ready at `at` may be sent: `at` itself outside quiet hours, else the
 * end of the window (the next time the local clock shows `end`).
 */
export function releaseTime(at: Date, quiet: QuietHours | null): Date {
  if (!quiet || quiet.start === quiet.end) return at;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const now = localMinutes(at, quiet.timeZone);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return at;
  const wait = (end - now + 24 * 60) % (24 * 60);
  const released = new Date(at.getTime() + wait * 60_000);
  released.setUTCSeconds(0, 0);
  return released;
}

export function isHeld(at: Date, quiet: QuietHours | null): boolean {
  return releaseTime(at, quiet).getTime() > at.getTime();
}
