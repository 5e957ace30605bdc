import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../auth/session';
import { recordRequests } from '../../test-support';
import { FieldDatabase, useFieldDb } from '../outbox/field-db';
import { refreshReference } from './reference-data';

/** A country: 320 facilities and, at one hospital, 450 cylinders, served in pages of at most 200. */
const FACILITIES = Array.from({ length: 320 }, (_, k) => ({
  id: `h${k}`,
  name: `Hospital ${k}`,
  governorate: 'Basra',
}));
const CYLINDERS = Array.from({ length: 450 }, (_, k) => ({
  serial: `C${k}`,
  sizeCode: 'J',
  status: 'AT_HOSPITAL',
}));

function page(items: unknown[], url: URL) {
  const number = Number(url.searchParams.get('page') ?? 1);
  const size = Math.min(200, Number(url.searchParams.get('pageSize') ?? 50));
  return {
    items: items.slice((number - 1) * size, number * size),
    page: number,
    pageSize: size,
    total: items.length,
  };
}

beforeEach(() => useFieldDb(new FieldDatabase(`test-${crypto.randomUUID()}`)));
afterEach(() => vi.unstubAllGlobals());

describe('what a phone keeps for a day offline', () => {
  it('holds every facility and every cylinder of its hospital, past the first page', async () => {
    recordRequests((path, url) =>
      path === '/api/v1/facilities'
        ? page(FACILITIES, url)
        : path === '/api/v1/cylinders'
          ? page(CYLINDERS, url)
          : path === '/api/v1/trips'
            ? page([], url)
            : [],
    );
    const storekeeper = { id: 'u1', role: 'hospital', facilityId: 'h7' } as SessionUser;
    const reference = await refreshReference(storekeeper);
    expect(Object.keys(reference.facilities)).toHaveLength(320);
    expect(reference.facilities.h301?.name).toBe('Hospital 301');
    expect(reference.cylinders.map((c) => c.serial)).toEqual(CYLINDERS.map((c) => c.serial));
  });
});
