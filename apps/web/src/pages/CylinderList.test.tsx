import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordDownloads, recordRequests, renderInApp } from '../test-support';
import { CylinderPage } from './CylinderPage';

/** 450 empty cylinders, served as the api serves them: pages of at most 200, with the total. */
const CYLINDERS = Array.from({ length: 450 }, (_, k) => ({
  serial: `OX-${String(k).padStart(4, '0')}`,
  sizeCode: 'J',
  status: 'EMPTY',
  facilityId: 'basra-plant',
  ownerId: 'moh',
  lastEventAt: '2026-12-01T08:00:00Z',
}));

let pagesAsked: number[] = [];

beforeEach(() => {
  window.history.replaceState(null, '', '/cylinders?status=EMPTY');
  pagesAsked = [];
  recordRequests((path, url) => {
    if (path !== '/api/v1/cylinders') return {};
    const page = Number(url.searchParams.get('page') ?? 1);
    const pageSize = Math.min(200, Number(url.searchParams.get('pageSize') ?? 50));
    pagesAsked.push(page);
    const items = CYLINDERS.slice((page - 1) * pageSize, page * pageSize);
    return { items, page, pageSize, total: CYLINDERS.length };
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the list of cylinders in a state', () => {
  it('says which rows of how many it shows, and pages through all of them', async () => {
    renderInApp(<CylinderPage />);
    expect(await screen.findByText('Rows 1–200 of 450')).toBeTruthy();
    expect(screen.getByText('OX-0000')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '3' }));
    expect(await screen.findByText('Rows 401–450 of 450')).toBeTruthy();
    expect(screen.getByText('OX-0449')).toBeTruthy();
    expect(screen.queryByText('OX-0000')).toBeNull();
  });

  it('exports every cylinder to CSV, not the page on screen', async () => {
    renderInApp(<CylinderPage />);
    await screen.findByText('Rows 1–200 of 450');
    pagesAsked = [];
    const files = recordDownloads();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(files).toHaveLength(1));
    const csv = await files[0].text();
    expect(csv.trim().split('\n')).toHaveLength(451);
    expect(pagesAsked.sort()).toEqual([1, 2, 3]);
    expect(csv).toContain('OX-0449');
  });
});
