import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RollupRow, SupplyRollup } from '../api/views';
import type { MapPolygonStyle } from '../map/LeafletMap';
import { recordDownloads, recordRequests, renderInApp } from '../test-support';
import { hospitalSupply } from '../test-factories';
import { daysByHospital, GovernoratePage } from './GovernoratePage';

// Leaflet wants a laid-out page; here the map lists each polygon's tooltip instead.
vi.mock('../map/LeafletMap', async () => {
  const { createElement } = await import('react');
  return {
    LeafletMap: ({ polygons }: { polygons: Record<string, MapPolygonStyle> }) =>
      createElement(
        'ul',
        { 'data-testid': 'map' },
        Object.entries(polygons).map(([code, style]) =>
          createElement('li', { key: code }, style.label),
        ),
      ),
  };
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const hospital = (name: string, daysOfSupply: number | null) =>
  hospitalSupply({ facilityId: name, name, daysOfSupply });

describe("the governorate's days-of-supply chart", () => {
  it('draws one bar per hospital, fewest days first, unknown left out, long ones capped', () => {
    expect(
      daysByHospital([
        hospital('b', 4.123),
        hospital('c', null),
        hospital('a', 0.5),
        hospital('d', 90),
      ]),
    ).toEqual([
      { hospital: 'a', days: 0.5 },
      { hospital: 'b', days: 4.12 },
      { hospital: 'd', days: 30 },
    ]);
  });
});

function figures(governorate: string | null, daysOfSupply: number): RollupRow {
  return {
    governorate,
    hospitals: 2,
    byLevel: { ok: 2, low: 0, critical: 0, out: 0 },
    needLitresPerDay: 1000,
    needCylindersPerDay: 1,
    onHandLitres: daysOfSupply * 1000,
    daysOfSupply,
    filledLitresPerDay: 0,
    filledCylindersPerDay: 0,
    toSendCylinders: 0,
  };
}

const ROLLUP: SupplyRollup = {
  national: figures(null, 4),
  governorates: [
    figures('Basra', 2),
    figures('Dhi Qar', 3),
    figures('Sulaymaniyah', 5),
    figures('Halabja', 6),
  ],
};

const BASRA_TEACHING = hospitalSupply({
  facilityId: 'basra-teaching',
  name: 'مستشفى البصرة التعليمي',
  level: 'low',
  daysOfSupply: 2,
});

/** The api as the governorate pages ask it: the rollup, Basra Teaching, no stock. */
function answer(path: string) {
  if (path === '/api/v1/supply/rollup') return ROLLUP;
  if (path === '/api/v1/supply/hospitals') return { items: [BASRA_TEACHING], total: 1 };
  return { items: [], total: 0 };
}

const LATIN_KEYS = /Basra|Dhi Qar|Sulaymaniyah|Halabja/;

// Mantine in jsdom takes seconds per render on a busy machine
describe('the governorates in Arabic and Kurdish', { timeout: 20_000 }, () => {
  it('lists them by their Arabic names, linked and exported by their keys', async () => {
    recordRequests(answer);
    renderInApp(<GovernoratePage />, { language: 'ar' });
    const table = await screen.findByTestId('governorates-table');
    const dhiQar = within(table).getByRole('link', { name: 'ذي قار' });
    expect(dhiQar.getAttribute('href')).toBe('/governorates/Dhi%20Qar');
    expect(within(table).getByRole('link', { name: 'البصرة' })).toBeTruthy();
    // the map's tooltips too, Halabja drawn inside Sulaymaniyah's polygon
    expect(screen.getByTestId('map').textContent).toContain('السليمانية + حلبجة');
    expect(document.body.textContent).not.toMatch(LATIN_KEYS);

    // the CSV is data for other systems: the canonical keys, not the names shown
    const files = recordDownloads();
    fireEvent.click(within(table).getByRole('button'));
    expect(files).toHaveLength(1);
    const csv = await files[0].text();
    expect(csv).toContain('\r\nBasra,');
    expect(csv).toContain('\r\nDhi Qar,');
    expect(csv).not.toContain('البصرة');
  });

  it.each([
    ['ar', 'محافظة البصرة', 'البصرة'],
    ['ckb', 'پارێزگای بەسرە', 'بەسرە'],
  ] as const)('titles Basra’s page and its hospitals in %s', async (language, title, basra) => {
    recordRequests(answer);
    renderInApp(<GovernoratePage name="Basra" />, { language });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(title);
    const hospitals = await screen.findByTestId('risk-table');
    const row = within(hospitals).getByText('مستشفى البصرة التعليمي').closest('tr')!;
    expect(within(row).getByText(basra)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(LATIN_KEYS);
  });
});
