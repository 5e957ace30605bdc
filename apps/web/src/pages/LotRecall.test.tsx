import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LotFills } from '../api/views';
import { recordRequests, renderInApp } from '../test-support';
import { lotCylinders, RecallLotButton } from './LotRecall';

const lot: LotFills = {
  plantId: 'baghdad-psa-1',
  lot: 'LOT-20261201',
  firstFilledAt: '2026-12-01T08:00:00Z',
  lastFilledAt: '2026-12-01T09:00:00Z',
  passed: 40,
  qcFailures: 2,
  minPurityPercent: 93.1,
  maxPurityPercent: 93.8,
};

afterEach(() => vi.unstubAllGlobals());

// Mantine in jsdom takes seconds per render on a busy machine
describe('recalling a lot', { timeout: 20_000 }, () => {
  it('counts every cylinder filled with the lot, passed QC or not', () => {
    expect(lotCylinders(lot)).toBe(42);
  });

  it('asks first, naming the lot and its cylinders, then sends the reason', async () => {
    const sent = recordRequests(() => ({ lot: lot.lot }));
    const recalled = vi.fn();
    renderInApp(<RecallLotButton lot={lot} onRecalled={recalled} />);
    fireEvent.click(screen.getByRole('button', { name: 'Recall lot LOT-20261201' }));
    const warning = await screen.findByTestId('recall-warning');
    expect(warning.textContent).toContain('42 cylinders filled with lot LOT-20261201');
    expect(sent).toEqual([]);
    fireEvent.change(screen.getByRole('textbox', { name: /Why/ }), {
      target: { value: 'Retained sample failed moisture' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Recall 42 cylinders' }));
    await waitFor(() => expect(recalled).toHaveBeenCalledWith('LOT-20261201'));
    expect(sent).toEqual([
      {
        path: '/api/v1/lots/LOT-20261201/recall',
        method: 'POST',
        body: { reason: 'Retained sample failed moisture' },
      },
    ]);
  });

  it('sends nothing when the dialog is cancelled', async () => {
    const sent = recordRequests();
    renderInApp(<RecallLotButton lot={lot} onRecalled={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Recall lot LOT-20261201' }));
    await screen.findByTestId('recall-warning');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('recall-warning')).toBeNull());
    expect(sent).toEqual([]);
  });
});
