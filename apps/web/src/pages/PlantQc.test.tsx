import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { LotFills, Plant } from '../api/views';
import { i18n } from '../i18n';
import { renderInApp } from '../test-support';
import { LotQcTable, PlantStatusForm, plantStatusBody } from './PlantQc';

function wrap(children: ReactNode) {
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient()}>
        <MantineProvider>{children}</MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

const lot = (name: string, passed: number, qcFailures: number): LotFills => ({
  plantId: 'baghdad-psa-1',
  lot: name,
  firstFilledAt: '2026-12-01T08:00:00Z',
  lastFilledAt: '2026-12-01T09:00:00Z',
  passed,
  qcFailures,
  minPurityPercent: 93.1,
  maxPurityPercent: 99.5,
});

const plant: Plant = {
  facilityId: 'baghdad-psa-1',
  name: 'Baghdad PSA 1',
  governorate: 'Baghdad',
  supplierId: 'moh',
  status: 'running',
  capacityPercent: 100,
  statusSince: null,
  capacity: null,
  dailyFillCapacity: [],
};

describe('QC per lot', () => {
  it('lists each lot with its passed fills and its QC failures', () => {
    wrap(<LotQcTable lots={[lot('LOT-2', 10, 0), lot('LOT-1', 7, 3)]} />);
    const table = screen.getByTestId('lots-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-row'))).toEqual([
      'baghdad-psa-1/LOT-2',
      'baghdad-psa-1/LOT-1',
    ]);
    expect(within(rows[1]).getByText('3')).toBeTruthy();
    expect(within(table).getByText('QC failures')).toBeTruthy();
  });

  it('shows the passed fills and the last fill day in Arabic digits in Arabic', async () => {
    try {
      renderInApp(<LotQcTable lots={[lot('LOT-1', 72, 0)]} />, { language: 'ar' });
      const row = within(screen.getByTestId('lots-table')).getAllByRole('row')[1];
      expect(within(row).getByText('٧٢')).toBeTruthy();
      expect(row.textContent).not.toContain('2026-12-01');
      expect(row.textContent).toContain('٢٠٢٦');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('the plant status form', () => {
  it('sends the share left only when degraded, and a reason unless running', () => {
    expect(plantStatusBody('running', 40, 'x')).toEqual({ status: 'running' });
    expect(plantStatusBody('degraded', 40, ' Compressor ')).toEqual({
      status: 'degraded',
      capacityPercent: 40,
      reason: 'Compressor',
    });
    expect(plantStatusBody('down', 40, 'Power cut')).toEqual({
      status: 'down',
      reason: 'Power cut',
    });
  });

  it('asks for the capacity left when degraded and a reason when down', () => {
    wrap(<PlantStatusForm plant={plant} />);
    expect(screen.queryByLabelText(/Reason/)).toBeNull();
    const select = screen.getByLabelText('Status');
    fireEvent.change(select, { target: { value: 'degraded' } });
    expect(screen.getByLabelText('Capacity left %')).toBeTruthy();
    fireEvent.change(select, { target: { value: 'down' } });
    expect(screen.queryByLabelText('Capacity left %')).toBeNull();
    expect(screen.getByRole('textbox', { name: /Reason/ })).toBeTruthy();
  });
});
