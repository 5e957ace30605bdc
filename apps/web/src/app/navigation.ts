import type { Role, SessionUser } from '../auth/session';

export type PageId =
  | 'overview'
  | 'governorates'
  | 'hospital'
  | 'producer'
  | 'plans'
  | 'trips'
  | 'cylinders'
  | 'alerts'
  | 'admin'
  | 'notifications'
  | 'help-requests'
  | 'directory';

/**
 * Which pages each role sees in its menu (the api still checks every request: a page a role
 * cannot open would only show its 403). Hospital and producer users see their own facility.
 */
const PARTNER_NETWORK: PageId[] = ['help-requests', 'directory'];
const PAGES_BY_ROLE: Record<Role, PageId[]> = {
  analyst: [
    'overview',
    'governorates',
    'plans',
    'producer',
    'cylinders',
    'alerts',
    ...PARTNER_NETWORK,
  ],
  dispatcher: [
    'overview',
    'governorates',
    'plans',
    'producer',
    'cylinders',
    'alerts',
    ...PARTNER_NETWORK,
  ],
  admin: [
    'overview',
    'governorates',
    'plans',
    'producer',
    'cylinders',
    'alerts',
    'admin',
    ...PARTNER_NETWORK,
  ],
  hospital: ['hospital', 'cylinders', 'alerts', ...PARTNER_NETWORK],
  producer: ['producer', 'cylinders', 'alerts', ...PARTNER_NETWORK],
  driver: ['trips', 'cylinders'],
  // experts and partner organisations: the partner network only, none of the ledger's pages
  partner: PARTNER_NETWORK,
};

export function pagesFor(role: Role): PageId[] {
  return PAGES_BY_ROLE[role];
}

export function pathOf(page: PageId, user: SessionUser): string {
  switch (page) {
    case 'hospital':
      return `/hospitals/${encodeURIComponent(user.facilityId ?? '')}`;
    case 'producer':
      return user.role === 'producer' && user.facilityId
        ? `/producers/${encodeURIComponent(user.facilityId)}`
        : '/producers';
    default:
      return `/${page}`;
  }
}

export function homeOf(user: SessionUser): string {
  return pathOf(pagesFor(user.role)[0], user);
}

/** The menu entry a path belongs to, to check it is allowed and to highlight it. */
export function pageOfPath(path: string): PageId | null {
  const first = path.split('/').filter(Boolean)[0] ?? '';
  const byPrefix: Record<string, PageId> = {
    overview: 'overview',
    governorates: 'governorates',
    hospitals: 'hospital',
    producers: 'producer',
    plans: 'plans',
    trips: 'trips',
    cylinders: 'cylinders',
    alerts: 'alerts',
    admin: 'admin',
    notifications: 'notifications',
    'help-requests': 'help-requests',
    directory: 'directory',
  };
  return byPrefix[first] ?? null;
}

/**
 * May this user open this path? Hospital pages are open to the national roles (drill-down from
 * the overview) and to a hospital user for their own hospital only; producer pages likewise.
 */
export function mayOpen(user: SessionUser, path: string): boolean {
  const page = pageOfPath(path);
  if (!page) return false;
  if (page === 'notifications') return true; // everyone has an inbox (not in the menu: the bell)
  const national = ['analyst', 'dispatcher', 'admin'].includes(user.role);
  const id = decodeURIComponent(path.split('/').filter(Boolean)[1] ?? '');
  if (page === 'hospital') return national || (user.role === 'hospital' && id === user.facilityId);
  if (page === 'producer') {
    return national || (user.role === 'producer' && (id === '' || id === user.facilityId));
  }
  if (page === 'help-requests' && path.replace(/\/$/, '') === '/help-requests/new') {
    return ['hospital', 'producer', 'dispatcher', 'admin'].includes(user.role);
  }
  return pagesFor(user.role).includes(page);
}
