import { addYears, isIsoDate, isIsoInstant, utcDateOf } from './time';

describe('time', () => {
  it.each(['2025-03-01T08:30:00Z', '2025-03-01T11:30:00.123+03:00', '2024-02-29T00:00Z'])(
    'accepts the instant %s',
    (value) => {
      expect(isIsoInstant(value)).toBe(true);
    },
  );

  it.each([
    '2025-03-01',
    '2025-03-01T08:30:00',
    '2025-02-30T08:00:00Z',
    'yesterday',
    '2025-13-01T00:00:00Z',
  ])('refuses the instant %s', (value) => expect(isIsoInstant(value)).toBe(false));

  it('checks calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-04-31')).toBe(false);
  });

  it('adds years, turning 29 February into 28 February in a common year', () => {
    expect(addYears('2020-03-01', 5)).toBe('2025-03-01');
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('takes the UTC day of an instant with an offset', () => {
    expect(utcDateOf('2025-03-02T01:00:00+03:00')).toBe('2025-03-01');
  });
});
