import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../auth/session';
import { recordRequests, renderInApp } from '../test-support';
import { HelpBoardPage } from './HelpBoardPage';

/** A bad week: 260 open requests, more than one page of the api. */
const REQUESTS = Array.from({ length: 260 }, (_, k) => ({
  requestId: `r${k}`,
  category: 'plant-breakdown',
  urgency: 'high',
  status: 'open',
  facilityId: 'basra-asu-1',
  facilityName: 'Basra ASU',
  governorate: 'Basra',
  title: `Request ${k}`,
  openedAt: '2026-12-01T08:00:00Z',
  assignee: null,
  comments: 0,
}));

afterEach(() => vi.unstubAllGlobals());

describe('the help board', () => {
  it('shows which requests of how many, and pages to the rest', async () => {
    const sent = recordRequests((path, url) => {
      if (path !== '/api/v1/help-requests') return { items: [] };
      const page = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Math.min(200, Number(url.searchParams.get('pageSize') ?? 50));
      return {
        items: REQUESTS.slice((page - 1) * pageSize, page * pageSize),
        page,
        pageSize,
        total: REQUESTS.length,
      };
    });
    renderInApp(<HelpBoardPage user={{ id: 'u1', role: 'dispatcher' } as SessionUser} />);
    expect(await screen.findByText('Rows 1–200 of 260')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '2' }));
    expect(await screen.findByText('Request 259')).toBeTruthy();
    expect(screen.getByText('Rows 201–260 of 260')).toBeTruthy();
    expect(sent.filter((r) => r.path === '/api/v1/help-requests')).toHaveLength(2);
  });
});
