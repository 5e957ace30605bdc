import { isClockTime, isHeld, isTimeZone, releaseTime } from './quiet-hours';

describe('quiet hours', () => {
  const baghdad = { start: '22:00', end: '07:00', timeZone: 'Asia/Baghdad' }; // UTC+3

  it('holds a message ready at 23:30 Baghdad time until 07:00 Baghdad time the next morning', () => {
    const at = new Date('2026-12-03T20:30:00Z'); // 23:30 in Baghdad
    expect(releaseTime(at, baghdad).toISOString()).toBe('2026-12-04T04:00:00.000Z');
  });

  it('holds one ready after midnight until the same morning', () => {
    const at = new Date('2026-12-03T23:15:00Z'); // 02:15 in Baghdad
    expect(releaseTime(at, baghdad).toISOString()).toBe('2026-12-04T04:00:00.000Z');
  });

  it('sends at once outside the window, and at the end of it', () => {
    expect(isHeld(new Date('2026-12-03T09:00:00Z'), baghdad)).toBe(false); // 12:00
    expect(isHeld(new Date('2026-12-04T04:00:00Z'), baghdad)).toBe(false); // 07:00
    expect(isHeld(new Date('2026-12-03T19:00:00Z'), baghdad)).toBe(true); // 22:00
  });

  it('reads the window in the user’s own time zone', () => {
    const erbilMidday = new Date('2026-12-03T09:00:00Z');
    expect(isHeld(erbilMidday, { start: '08:00', end: '10:00', timeZone: 'UTC' })).toBe(true);
    expect(isHeld(erbilMidday, { start: '08:00', end: '10:00', timeZone: 'Asia/Baghdad' })).toBe(
      false,
    );
  });

  it('has no window without quiet hours or with an empty one', () => {
    const at = new Date('2026-12-03T20:30:00Z');
    expect(releaseTime(at, null)).toBe(at);
    expect(isHeld(at, { start: '10:00', end: '10:00', timeZone: 'UTC' })).toBe(false);
  });

  it('knows a clock time and a time zone', () => {
    expect(isClockTime('07:30')).toBe(true);
    expect(isClockTime('24:00')).toBe(false);
    expect(isTimeZone('Asia/Baghdad')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
