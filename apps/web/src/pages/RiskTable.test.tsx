import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { HospitalSupply } from '../api/views';
import { i18n } from '../i18n';
import { hospitalSupply, sizeSupply } from '../test-factories';
import { RiskTable } from './OverviewPage';

function hospital(facilityId: string, daysOfSupply: number | null, level: HospitalSupply['level']) {
  return hospitalSupply({
    facilityId,
    name: `${facilityId} hospital`,
    level,
    daysOfSupply,
    bySize: [sizeSupply('J', 3)],
  });
}

function renderTable(rows: HospitalSupply[], initialRows?: number) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <RiskTable rows={rows} initialRows={initialRows} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

describe('the risk table', () => {
  it('lists the hospitals with the fewest days of supply first, unknown days last', () => {
    renderTable([
      hospital('b', 5, 'ok'),
      hospital('c', null, 'ok'),
      hospital('a', 0.4, 'critical'),
    ]);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-row'))).toEqual(['a', 'b', 'c']);
    expect(within(rows[0]).getByText('Critical')).toBeTruthy();
    expect(within(rows[0]).getByText('J 3')).toBeTruthy();
  });

  it('links each hospital to its page and offers the CSV export', () => {
    renderTable([hospital('basra-teaching', 2, 'low')]);
    expect(screen.getByRole('link', { name: 'basra-teaching hospital' }).getAttribute('href')).toBe(
      '/hospitals/basra-teaching',
    );
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeTruthy();
  });

  it('draws the worst hospitals of a country first and the rest when asked', () => {
    const country = Array.from({ length: 300 }, (_, index) =>
      hospital(`h${String(index).padStart(3, '0')}`, 300 - index, 'ok'),
    );
    renderTable(country, 50);
    const drawn = screen.getAllByRole('row').slice(1);
    expect(drawn).toHaveLength(50);
    expect(drawn[0].getAttribute('data-row')).toBe('h299');
    fireEvent.click(screen.getByRole('button', { name: 'Show all 300 rows' }));
    expect(screen.getAllByRole('row').slice(1)).toHaveLength(300);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });
});
