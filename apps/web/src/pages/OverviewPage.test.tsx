import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RollupRow } from '../api/views';
import { hospitalSupply, sizeSupply } from '../test-factories';
import { recordRequests, renderInApp } from '../test-support';
import { OverviewPage } from './OverviewPage';

// Leaflet wants a laid-out page; the map is not what these tests look at.
vi.mock('../map/LeafletMap', () => ({ LeafletMap: () => null }));

afterEach(() => vi.unstubAllGlobals());

const NATIONAL: RollupRow = {
  governorate: null,
  hospitals: 1,
  byLevel: { ok: 0, low: 0, critical: 1, out: 0 },
  needLitresPerDay: 1000,
  needCylindersPerDay: 1,
  onHandLitres: 500,
  daysOfSupply: 0.5,
  filledLitresPerDay: 0,
  filledCylindersPerDay: 0,
  toSendCylinders: 32,
};

const BASRA_GENERAL = hospitalSupply({
  facilityId: 'basra-general',
  name: 'Basra General Hospital',
  level: 'critical',
  daysOfSupply: 0.5,
  bySize: [sizeSupply('J', 30), sizeSupply('D', 0), sizeSupply('E', 2)],
});

/** The api as the overview asks it: one critical hospital in Basra, nobody silent. */
function answer(path: string) {
  if (path === '/api/v1/supply/rollup') return { national: NATIONAL, governorates: [] };
  if (path === '/api/v1/supply/hospitals') return { items: [BASRA_GENERAL], total: 1 };
  if (path === '/api/v1/stock/national') return { cylinders: 0, byStatus: {} };
  if (path === '/api/v1/fills/daily') return { items: [], totalCylinders: 0 };
  return { items: [], total: 0 };
}

// Mantine in jsdom takes seconds per render on a busy machine
describe('the overview in each language', { timeout: 20_000 }, () => {
  it.each([
    ['ar', 'لم تُبلّغ منذ ٣ أيام'],
    ['ckb', 'بۆ ٣ ڕۆژ ڕاپۆرتیان نەداوە'],
  ] as const)('asks about hospitals silent for ٣ days in %s digits', async (language, label) => {
    recordRequests(answer);
    renderInApp(<OverviewPage />, { language });
    expect(await screen.findByText(label)).toBeTruthy();
  });

  it.each([
    ['en', 'J 30, E 2'],
    ['ar', 'J ٣٠، E ٢'],
    ['ckb', 'J ٣٠، E ٢'],
  ] as const)('lists the cylinders to send in %s with its comma', async (language, toSend) => {
    recordRequests(answer);
    renderInApp(<OverviewPage />, { language });
    const table = await screen.findByTestId('risk-table');
    const row = within(table).getByText('Basra General Hospital').closest('tr')!;
    expect(within(row).getByText(toSend)).toBeTruthy();
  });
});
