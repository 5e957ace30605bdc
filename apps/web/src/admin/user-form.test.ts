import { describe, expect, it } from 'vitest';
import type { UserView } from '../api/views';
import { userChanges, userDraft } from './user-form';

const storekeeper = {
  id: 'u1',
  username: 'basra.store',
  displayName: 'Basra store',
  role: 'hospital',
  facilityId: 'basra-teaching',
  supplierId: null,
  active: true,
} as unknown as UserView;

describe('the user form', () => {
  it('sends nothing when nothing changed', () => {
    expect(userChanges(storekeeper, userDraft(storekeeper))).toEqual({});
  });

  it('moves the scope when the role changes: a driver has a supplier, not a hospital', () => {
    const draft = { ...userDraft(storekeeper), role: 'driver' as const, scope: 'rafidain-oxygen' };
    expect(userChanges(storekeeper, draft)).toEqual({
      role: 'driver',
      facilityId: null,
      supplierId: 'rafidain-oxygen',
    });
  });

  it('clears both scopes for a national role, and sends active only when it changed', () => {
    const draft = { ...userDraft(storekeeper), role: 'analyst' as const, active: false };
    expect(userChanges(storekeeper, draft)).toEqual({
      role: 'analyst',
      facilityId: null,
      active: false,
    });
  });

  it("sends a driver's home plant only when it changed, and never for other roles", () => {
    const driver = {
      ...storekeeper,
      role: 'driver',
      facilityId: null,
      supplierId: 's-1',
    } as UserView;
    expect(userChanges(driver, { ...userDraft(driver), homePlantId: 'basra-asu-1' })).toEqual({
      homePlantId: 'basra-asu-1',
    });
    const placed = { ...driver, homePlantId: 'basra-asu-1' };
    expect(userChanges(placed, userDraft(placed))).toEqual({});
    expect(userChanges(placed, { ...userDraft(placed), homePlantId: '' })).toEqual({
      homePlantId: null,
    });
    expect(
      userChanges(storekeeper, { ...userDraft(storekeeper), homePlantId: 'basra-asu-1' }),
    ).toEqual({});
  });

  it('keeps the name shown unless a new one is typed', () => {
    expect(userChanges(storekeeper, { ...userDraft(storekeeper), displayName: '  ' })).toEqual({});
    expect(
      userChanges(storekeeper, { ...userDraft(storekeeper), displayName: ' Basra stores ' }),
    ).toEqual({ displayName: 'Basra stores' });
  });
});
