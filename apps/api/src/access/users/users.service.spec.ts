import { randomUUID } from 'node:crypto';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { appDataSourceOptions, runMigrationsUnderLock } from '@oxyledger/database';
import { FacilityEntity, NetworkService, VehicleEntity } from '@oxyledger/network';
import { DataSource } from 'typeorm';
import {
  InvalidFieldError,
  LastAdminError,
  UsernameTakenError,
  UserNotFoundError,
} from '../access.errors';
import { PasswordHasher } from '../password-hasher';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

/**
 * Against the real PostgreSQL server, in a database of its own: rules such as "the last active
 * admin" need to know every user, which a database shared with other tests cannot promise.
 */
describe('UsersService', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;
  let users: UsersService;
  // Cheap parameters: these tests are about the table, not the hash.
  const hasher = new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 });

  beforeAll(async () => {
    database = await createScratchDatabase('users');
    dataSource = await new DataSource({
      ...appDataSourceOptions(database.url),
      entities: [UserEntity, FacilityEntity, VehicleEntity],
    }).initialize();
    await runMigrationsUnderLock(dataSource, { log: () => undefined });
    const network = new NetworkService(
      dataSource.getRepository(FacilityEntity),
      dataSource.getRepository(VehicleEntity),
      dataSource,
    );
    users = new UsersService(dataSource.getRepository(UserEntity), dataSource, hasher, network);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('creates a user with a hashed password, found by username in any case', async () => {
    const user = await users.createUser({
      username: 'Ali.Hassan',
      password: 'a long password',
      role: 'producer',
      facilityId: 'basra-psa',
    });

    expect(user).toMatchObject({
      username: 'Ali.Hassan',
      displayName: 'Ali.Hassan',
      role: 'producer',
      facilityId: 'basra-psa',
      supplierId: null,
      active: true,
    });
    const stored = await users.findByUsername('ali.hassan');
    expect(stored?.id).toBe(user.id);
    expect(stored?.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(hasher.verify('a long password', stored!.passwordHash)).resolves.toBe(true);
  });

  it('refuses a taken username (409) and a broken rule (400) from code too', async () => {
    await users.createUser({ username: 'taken', password: 'a long password', role: 'analyst' });

    await expect(
      users.createUser({ username: 'TAKEN', password: 'a long password', role: 'analyst' }),
    ).rejects.toBeInstanceOf(UsernameTakenError);
    await expect(
      users.createUser({ username: 'x y', password: 'short', role: 'producer' }),
    ).rejects.toMatchObject({
      violations: [
        expect.objectContaining({ field: 'username' }),
        expect.objectContaining({ field: 'password' }),
        expect.objectContaining({ field: 'facilityId', rule: 'requiredForRole' }),
      ],
    });
  });

  it('ensureUser creates once, whoever calls it and however often', async () => {
    const input = {
      username: 'seed-dispatcher',
      password: 'a long password',
      role: 'dispatcher' as const,
      supplierId: 'northern-oxygen',
    };

    const results = await Promise.all([1, 2, 3, 4].map(() => users.ensureUser(input)));

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.user.id)).size).toBe(1);
    const again = await users.ensureUser({ ...input, password: 'another password', role: 'admin' });
    expect(again).toMatchObject({ created: false, user: { role: 'dispatcher' } });
  });

  it('updates scope with the role, bumps the token version on a password reset', async () => {
    const user = await users.createUser({
      username: 'moving-user',
      password: 'a long password',
      role: 'hospital',
      facilityId: 'najaf-teaching',
    });

    await expect(users.updateUser(user.id, { role: 'driver' })).rejects.toBeInstanceOf(
      InvalidFieldError,
    );
    await expect(
      users.updateUser(user.id, {
        role: 'driver',
        facilityId: null,
        supplierId: 'northern-oxygen',
      }),
    ).resolves.toMatchObject({ role: 'driver', facilityId: null, supplierId: 'northern-oxygen' });
    await users.updateUser(user.id, { password: 'the new password' });
    const stored = await users.findEntityById(user.id);
    expect(stored?.tokenVersion).toBe(1);
    await expect(hasher.verify('the new password', stored!.passwordHash)).resolves.toBe(true);
    await expect(users.updateUser(randomUUID(), { active: false })).rejects.toBeInstanceOf(
      UserNotFoundError,
    );
  });

  it('never leaves the platform without an active admin, even when two admins race', async () => {
    const first = await users.createUser({
      username: 'admin-1',
      password: 'a long password',
      role: 'admin',
    });

    await expect(users.updateUser(first.id, { active: false })).rejects.toBeInstanceOf(
      LastAdminError,
    );
    await expect(users.updateUser(first.id, { role: 'analyst' })).rejects.toBeInstanceOf(
      LastAdminError,
    );

    const second = await users.createUser({
      username: 'admin-2',
      password: 'a long password',
      role: 'admin',
    });
    const outcomes = await Promise.allSettled([
      users.updateUser(first.id, { active: false }),
      users.updateUser(second.id, { active: false }),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(LastAdminError);
  });

  it('lists with filters and pages, ordered by username', async () => {
    for (const name of ['list-c', 'List-A', 'list-b']) {
      await users.createUser({
        username: name,
        password: 'a long password',
        role: 'hospital',
        facilityId: 'list-hospital',
      });
    }

    const page = await users.listUsers({ facilityId: 'list-hospital', pageSize: 2 });
    expect(page).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(page.items.map((user) => user.username)).toEqual(['List-A', 'list-b']);
    const second = await users.listUsers({ facilityId: 'list-hospital', pageSize: 2, page: 2 });
    expect(second.items.map((user) => user.username)).toEqual(['list-c']);
  });
});
