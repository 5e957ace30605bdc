import { describe, expect, it } from 'vitest';
import type { RollupRow } from '../api/views';
import { colourForDays, figuresByPolygon, isSilent, NO_DATA_COLOUR } from './figures';

function row(governorate: string, onHandLitres: number, needLitresPerDay: number): RollupRow {
  return {
    governorate,
    hospitals: 1,
    byLevel: { ok: 1, low: 0, critical: 0, out: 0 },
    needLitresPerDay,
    needCylindersPerDay: 0,
    onHandLitres,
    daysOfSupply: needLitresPerDay > 0 ? onHandLitres / needLitresPerDay : null,
    filledLitresPerDay: 0,
    filledCylindersPerDay: 0,
    toSendCylinders: 0,
  };
}

describe('figures per map polygon', () => {
  it('adds Halabja’s litres and need to Sulaymaniyah’s before dividing', () => {
    // Sulaymaniyah 10 days (1000 L / 100 L), Halabja 1 day (100 L / 100 L): together 5.5 days,
    // not the 5.5 of an average by luck — use unequal needs to tell them apart.
    const figures = figuresByPolygon([row('Sulaymaniyah', 1000, 100), row('Halabja', 100, 300)]);
    const shared = figures.get('IQ-SU')!;
    expect(shared.governorates).toEqual(['Sulaymaniyah', 'Halabja']);
    expect(shared.onHandLitres).toBe(1100);
    expect(shared.needLitresPerDay).toBe(400);
    expect(shared.daysOfSupply).toBeCloseTo(2.75);
  });

  it('keeps Kirkuk on IQ-TS and leaves a governorate without need uncoloured', () => {
    const figures = figuresByPolygon([row('Kirkuk', 500, 250), row('Anbar', 0, 0)]);
    expect(figures.get('IQ-TS')!.daysOfSupply).toBe(2);
    expect(figures.get('IQ-AN')!.daysOfSupply).toBeNull();
    expect(colourForDays(figures.get('IQ-AN')!.daysOfSupply)).toBe(NO_DATA_COLOUR);
  });

  it('colours fewer days darker', () => {
    expect(colourForDays(0.5)).toBe('#7f1d1d');
    expect(colourForDays(1)).toBe('#dc2626');
    expect(colourForDays(3.9)).toBe('#f97316');
    expect(colourForDays(30)).toBe('#16a34a');
  });
});

describe('who has not reported', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('is silent with nothing in the window, and when it never reported', () => {
    expect(isSilent({ lastCensusAt: '2026-11-29T12:00:00Z', lastMovementAt: null }, 3, now)).toBe(
      true,
    );
    expect(isSilent({ lastCensusAt: null, lastMovementAt: null }, 3, now)).toBe(true);
  });
  it('is not silent when either the census or a movement is recent', () => {
    expect(
      isSilent(
        { lastCensusAt: '2026-11-01T00:00:00Z', lastMovementAt: '2026-12-02T00:00:00Z' },
        3,
        now,
      ),
    ).toBe(false);
  });
});
