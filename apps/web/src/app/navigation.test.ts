import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/session';
import { homeOf, mayOpen, pagesFor } from './navigation';

const user = (role: SessionUser['role'], facilityId?: string): SessionUser => ({
  id: 'u',
  username: role,
  role,
  facilityId,
});

describe('pages per role', () => {
  it('gives the national roles the overview and only the admin the administration', () => {
    expect(pagesFor('analyst')).toContain('overview');
    expect(pagesFor('dispatcher')).toContain('plans');
    expect(pagesFor('admin')).toContain('admin');
    expect(pagesFor('analyst')).not.toContain('admin');
    expect(pagesFor('dispatcher')).not.toContain('admin');
  });

  it('sends hospital and producer users to their own facility', () => {
    expect(homeOf(user('hospital', 'basra-teaching'))).toBe('/hospitals/basra-teaching');
    expect(homeOf(user('producer', 'baghdad-psa-1'))).toBe('/producers/baghdad-psa-1');
    expect(homeOf(user('driver'))).toBe('/trips');
  });

  it('lets a hospital user open their hospital, not another one nor the overview', () => {
    const hospital = user('hospital', 'basra-teaching');
    expect(mayOpen(hospital, '/hospitals/basra-teaching')).toBe(true);
    expect(mayOpen(hospital, '/hospitals/kirkuk-general')).toBe(false);
    expect(mayOpen(hospital, '/overview')).toBe(false);
    expect(mayOpen(hospital, '/plans')).toBe(false);
  });

  it('lets a national reader drill down to any hospital but keeps drivers to their trips', () => {
    expect(mayOpen(user('analyst'), '/hospitals/kirkuk-general')).toBe(true);
    expect(mayOpen(user('driver'), '/trips')).toBe(true);
    expect(mayOpen(user('driver'), '/overview')).toBe(false);
    expect(mayOpen(user('analyst'), '/nowhere')).toBe(false);
  });

  it('gives partners the help requests and the directory, and no ledger page', () => {
    const partner = user('partner');
    expect(pagesFor('partner')).toEqual(['help-requests', 'directory']);
    expect(homeOf(partner)).toBe('/help-requests');
    expect(mayOpen(partner, '/directory/people/ali-hassan')).toBe(true);
    expect(mayOpen(partner, '/help-requests/123')).toBe(true);
    for (const ledgerPage of [
      '/overview',
      '/cylinders',
      '/alerts',
      '/plans',
      '/producers',
      '/trips',
    ])
      expect(mayOpen(partner, ledgerPage)).toBe(false);
    // partners take on requests; hospitals, plants and dispatchers open them
    expect(mayOpen(partner, '/help-requests/new')).toBe(false);
    expect(mayOpen(user('hospital', 'basra-teaching'), '/help-requests/new')).toBe(true);
    expect(pagesFor('driver')).not.toContain('help-requests');
  });
});
