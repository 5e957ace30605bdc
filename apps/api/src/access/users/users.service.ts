import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NetworkService } from '@oxyledger/network';
import { DataSource, type EntityManager, QueryFailedError, Repository } from 'typeorm';
import {
  InvalidFieldError,
  LastAdminError,
  UsernameTakenError,
  UserNotFoundError,
} from '../access.errors';
import type { Role } from '../actor';
import { AccessCheck } from '../sessions/access-check';
import { PasswordHasher } from '../password-hasher';
import { UserEntity } from './user.entity';
import { type FieldViolation, inputViolations, scopeViolations } from './user-rules';
import type { UserPage, UserView } from './users.dto';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  /** Defaults to the username. */
  displayName?: string;
  facilityId?: string | null;
  supplierId?: string | null;
  /** Drivers only: the plant they drive from, one of their supplier's. */
  homePlantId?: string | null;
  active?: boolean;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  /** `null` clears it. */
  facilityId?: string | null;
  supplierId?: string | null;
  /** Drivers only; `null` clears it. Cleared by itself when the user stops being a driver. */
  homePlantId?: string | null;
  active?: boolean;
  /** A password reset: the user's refresh tokens stop working. */
  password?: string;
}

export interface UserFilter {
  role?: Role;
  facilityId?: string;
  supplierId?: string;
  active?: boolean;
  page?: number;
  pageSize?: number;
}

const UNIQUE_VIOLATION = '23505';
/** Any constant works; the same in every process. */
const ADMIN_CHANGES_LOCK_KEY = 0x4f5841444d494e53n; // "OXADMINS"

/** The platform's users (`app.users`): created by admins, or from code by the demo seed. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly network: NetworkService,
    @Optional() private readonly accessCheck?: AccessCheck,
  ) {}

  /** 409 `UsernameTakenError` if the username exists in any case; 400 on a broken rule. */
  async createUser(input: NewUser): Promise<UserView> {
    const facilityId = input.facilityId ?? null;
    const supplierId = input.supplierId ?? null;
    const username = input.username.trim();
    const homePlantId = input.homePlantId ?? null;
    throwIfAny([
      ...inputViolations({ username, password: input.password, facilityId, supplierId }),
      ...scopeViolations({ role: input.role, facilityId, supplierId }),
    ]);
    throwIfAny(await this.homePlantViolations({ role: input.role, supplierId, homePlantId }));
    const entity = this.users.create({
      id: randomUUID(),
      username,
      displayName: input.displayName?.trim() || username,
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      facilityId,
      supplierId,
      homeFacilityId: homePlantId,
      active: input.active ?? true,
      tokenVersion: 0,
    });
    try {
      await this.users.insert(entity);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsernameTakenError(username);
      throw error;
    }
    return toView(await this.users.findOneByOrFail({ id: entity.id }));
  }

  /**
   * Idempotent by username (case-insensitive): creates the user if missing, otherwise returns the
   * existing one unchanged (its password, role and scope are left as they are).
   */
  async ensureUser(input: NewUser): Promise<{ user: UserView; created: boolean }> {
    const existing = await this.findByUsername(input.username);
    if (existing) return { user: toView(existing), created: false };
    try {
      return { user: await this.createUser(input), created: true };
    } catch (error) {
      if (!(error instanceof UsernameTakenError)) throw error;
      // Created meanwhile by a concurrent caller: that is what we wanted.
      return { user: toView((await this.findByUsername(input.username))!), created: false };
    }
  }

  /** The stored row, password hash included: for authentication only. */
  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username: username.trim() })
      .getOne();
  }

  /** The stored row, password hash included: for authentication only. */
  findEntityById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  async getUser(id: string): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new UserNotFoundError(id);
    return toView(user);
  }

  async listUsers(filter: UserFilter = {}): Promise<UserPage> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    const query = this.users.createQueryBuilder('user');
    if (filter.role !== undefined) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.facilityId !== undefined) {
      query.andWhere('user.facility_id = :facilityId', { facilityId: filter.facilityId });
    }
    if (filter.supplierId !== undefined) {
      query.andWhere('user.supplier_id = :supplierId', { supplierId: filter.supplierId });
    }
    if (filter.active !== undefined) {
      query.andWhere('user.active = :active', { active: filter.active });
    }
    const [rows, total] = await query
      .orderBy('lower(user.username)')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toView), page, pageSize, total };
  }

  /**
   * Changes role, scope, display name, active flag or password. 404 if the user does not exist,
   * 400 if role and scope would not fit together, 409 if it would leave no active admin.
   */
  async updateUser(id: string, changes: UserChanges): Promise<UserView> {
    throwIfAny(
      inputViolations({
        password: changes.password,
        facilityId: changes.facilityId,
        supplierId: changes.supplierId,
      }),
    );
    const passwordHash =
      changes.password === undefined ? undefined : await this.hasher.hash(changes.password);

    const updated = await this.dataSource.transaction(async (manager) => {
      if (changes.role !== undefined || changes.active !== undefined) {
        // Serialises changes that could remove an admin, so two admins cannot demote each other.
        await manager.query('SELECT pg_advisory_xact_lock($1)', [
          ADMIN_CHANGES_LOCK_KEY.toString(),
        ]);
      }
      const users = manager.getRepository(UserEntity);
      const user = await users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new UserNotFoundError(id);
      const wasActiveAdmin = user.role === 'admin' && user.active;

      if (changes.displayName !== undefined) user.displayName = changes.displayName.trim();
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.facilityId !== undefined) user.facilityId = changes.facilityId;
      if (changes.supplierId !== undefined) user.supplierId = changes.supplierId;
      if (changes.homePlantId !== undefined) user.homeFacilityId = changes.homePlantId;
      else if (user.role !== 'driver') user.homeFacilityId = null;
      if (changes.active !== undefined) user.active = changes.active;
      if (passwordHash !== undefined) {
        user.passwordHash = passwordHash;
        user.tokenVersion += 1;
      }
      throwIfAny(scopeViolations(user));
      throwIfAny(
        await this.homePlantViolations({
          role: user.role,
          supplierId: user.supplierId,
          homePlantId: user.homeFacilityId,
        }),
      );
      if (wasActiveAdmin && !(user.role === 'admin' && user.active)) {
        await assertAnotherActiveAdmin(manager, id);
      }
      if (passwordHash !== undefined || changes.active === false) {
        // A reset password or a disabled account ends every session of the user.
        await manager.query(
          'UPDATE app.refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
          [id],
        );
      }
      return users.save(user);
    });
    // Every api process re-reads the user on their next request (role, scope, active).
    await this.accessCheck?.changed({ userId: id });
    return toView(updated);
  }

  /**
   * A driver's home plant, where the planner starts their routes: an active plant (`producer`)
   * of the driver's own supplier; nobody but a driver has one.
   */
  private async homePlantViolations(user: {
    role: Role;
    supplierId: string | null;
    homePlantId: string | null;
  }): Promise<FieldViolation[]> {
    const { role, supplierId, homePlantId } = user;
    if (homePlantId === null) return [];
    const violation = (rule: string, message: string) => [{ field: 'homePlantId', rule, message }];
    if (role !== 'driver') {
      return violation(
        'notAllowedForRole',
        `homePlantId must be empty for role ${role}: only drivers have a home plant`,
      );
    }
    const plant = await this.network.findFacility(homePlantId);
    if (!plant) {
      return violation('facilityExists', `homePlantId ${homePlantId} is not a known facility`);
    }
    if (plant.kind !== 'producer') {
      return violation(
        'isPlant',
        `homePlantId must name a plant (producer); ${homePlantId} is a ${plant.kind}`,
      );
    }
    if (!plant.active) {
      return violation('activePlant', `homePlantId ${homePlantId} is a deactivated plant`);
    }
    if (supplierId === null || plant.supplierId !== supplierId) {
      return violation(
        'plantOfDriversSupplier',
        supplierId === null
          ? `homePlantId needs the driver's supplierId: a home plant is a plant of the driver's supplier`
          : `homePlantId ${homePlantId} belongs to supplier ${plant.supplierId}, not to the driver's supplier ${supplierId}`,
      );
    }
    return [];
  }

  /** After a successful login with a hash made with older parameters. */
  async replacePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }
}

export function toView(user: UserEntity): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    facilityId: user.facilityId,
    supplierId: user.supplierId,
    homePlantId: user.homeFacilityId,
    active: user.active,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

async function assertAnotherActiveAdmin(manager: EntityManager, exceptId: string): Promise<void> {
  const others: unknown[] = await manager.query(
    `SELECT 1 FROM app.users WHERE role = 'admin' AND active AND id <> $1 LIMIT 1`,
    [exceptId],
  );
  if (others.length === 0) throw new LastAdminError();
}

function throwIfAny(violations: ReturnType<typeof scopeViolations>): void {
  if (violations.length > 0) throw new InvalidFieldError(violations);
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === UNIQUE_VIOLATION
  );
}
