import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  DataSource,
  type EntityManager,
  type FindOptionsWhere,
  QueryFailedError,
  type Repository,
} from 'typeorm';
import { FacilityEntity } from './facility.entity';
import {
  FacilityAlreadyExistsError,
  FacilityHasVehiclesError,
  FacilityNotFoundError,
  FacilityOfWrongKindError,
  NetworkValidationError,
  VehicleAlreadyExistsError,
  VehicleNotFoundError,
} from './network.errors';
import {
  DEFAULT_PAGE_SIZE,
  facilityViolations,
  MAX_PAGE_SIZE,
  vehicleViolations,
} from './network.rules';
import {
  type Facility,
  type FacilityChanges,
  type FacilityFilter,
  type NewFacility,
  type NewVehicle,
  type Page,
  type PageRequest,
  type Vehicle,
  VEHICLE_BASE_KINDS,
  type VehicleChanges,
  type VehicleFilter,
} from './network.types';
import { VehicleEntity } from './vehicle.entity';

const UNIQUE_VIOLATION = '23505';

/**
 * The network's master data: facilities (producers, hospitals, depots) and the vehicles based at
 * them. The admin endpoints, the demo seed and command handlers (which check that the facility an
 * event names exists) all go through here; every write is checked against `network.rules`.
 */
@Injectable()
export class NetworkService {
  constructor(
    @InjectRepository(FacilityEntity) private readonly facilities: Repository<FacilityEntity>,
    @InjectRepository(VehicleEntity) private readonly vehicles: Repository<VehicleEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** @throws FacilityNotFoundError */
  async getFacility(id: string): Promise<Facility> {
    const facility = await this.findFacility(id);
    if (!facility) throw new FacilityNotFoundError(id);
    return facility;
  }

  /** The facility, which must be of `kind` (a 422 naming the rule otherwise). */
  async getFacilityOfKind(id: string, kind: 'hospital' | 'producer'): Promise<Facility> {
    const facility = await this.getFacility(id);
    if (facility.kind !== kind) throw new FacilityOfWrongKindError(id, facility.kind, kind);
    return facility;
  }

  async findFacility(id: string): Promise<Facility | null> {
    const row = await this.facilities.findOneBy({ id });
    return row ? toFacility(row) : null;
  }

  /** Facilities matching every given filter, ordered by id. */
  async listFacilities(filter: FacilityFilter = {}): Promise<Page<Facility>> {
    const { page, pageSize } = pageOf(filter);
    const where: FindOptionsWhere<FacilityEntity> = definedOnly({
      kind: filter.kind,
      governorate: filter.governorate,
      supplierId: filter.supplierId,
      active: filter.active,
    });
    const [rows, total] = await this.facilities.findAndCount({
      where,
      order: { id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toFacility), page, pageSize, total };
  }

  /** Every facility matching the filter, all pages (for reads over the whole network). */
  async allFacilities(filter: Omit<FacilityFilter, 'page' | 'pageSize'> = {}): Promise<Facility[]> {
    // one query: paging through them cost a count and a select per 200 facilities, and the
    // supply lists, the alerts and the plants page each ask for a country's worth
    const rows = await this.facilities.find({
      where: definedOnly({
        kind: filter.kind,
        governorate: filter.governorate,
        supplierId: filter.supplierId,
        active: filter.active,
      }),
      order: { id: 'ASC' },
    });
    return rows.map(toFacility);
  }

  /** @throws NetworkValidationError, FacilityAlreadyExistsError */
  async createFacility(input: NewFacility): Promise<Facility> {
    const row = facilityRow(input);
    try {
      await this.facilities.insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new FacilityAlreadyExistsError(row.id);
      throw error;
    }
    return this.getFacility(row.id);
  }

  /**
   * Creates the facility unless one with its id exists, which is returned unchanged: the demo
   * seed runs on every start and must not overwrite an admin's corrections.
   * @throws NetworkValidationError
   */
  async ensureFacility(input: NewFacility): Promise<Facility> {
    const row = facilityRow(input);
    await this.facilities.createQueryBuilder().insert().values(row).orIgnore().execute();
    return this.getFacility(row.id);
  }

  /**
   * Changes the given fields (`undefined` leaves a field as it is; `null` clears receiving hours
   * or a hospital's supplier). A facility vehicles are based at cannot become a hospital.
   * @throws FacilityNotFoundError, NetworkValidationError, FacilityHasVehiclesError
   */
  async updateFacility(id: string, changes: FacilityChanges): Promise<Facility> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(FacilityEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new FacilityNotFoundError(id);
      const merged: NewFacility = { ...toFacility(current), ...definedOnly(changes), id };
      const row = facilityRow(merged);

      if (!VEHICLE_BASE_KINDS.includes(row.kind) && VEHICLE_BASE_KINDS.includes(current.kind)) {
        // Vehicle writes lock their depot row FOR SHARE, so none can be added meanwhile.
        const based = await manager.find(VehicleEntity, {
          select: { id: true },
          where: { depotFacilityId: id },
          order: { id: 'ASC' },
        });
        if (based.length > 0)
          throw new FacilityHasVehiclesError(
            id,
            based.map((v) => v.id),
          );
      }
      const { id: _id, ...columns } = row;
      await manager.update(FacilityEntity, { id }, columns);
    });
    return this.getFacility(id);
  }

  /**
   * The supplier ids among `ids` that own a plant, a depot or a vehicle: the suppliers the
   * network knows (there is no supplier table; a supplier exists through what it owns).
   */
  async knownSuppliers(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT supplier_id FROM app.facilities WHERE supplier_id = ANY($1)
       UNION SELECT supplier_id FROM app.vehicles WHERE supplier_id = ANY($1)`,
      [[...new Set(ids)]],
    )) as { supplier_id: string }[];
    return new Set(rows.map((row) => row.supplier_id));
  }

  /** @throws VehicleNotFoundError */
  async getVehicle(id: string): Promise<Vehicle> {
    const vehicle = await this.findVehicle(id);
    if (!vehicle) throw new VehicleNotFoundError(id);
    return vehicle;
  }

  async findVehicle(id: string): Promise<Vehicle | null> {
    const row = await this.vehicles.findOneBy({ id });
    return row ? toVehicle(row) : null;
  }

  /** Vehicles matching every given filter, ordered by id. */
  async listVehicles(filter: VehicleFilter = {}): Promise<Page<Vehicle>> {
    const { page, pageSize } = pageOf(filter);
    const where: FindOptionsWhere<VehicleEntity> = definedOnly({
      depotFacilityId: filter.depotFacilityId,
      supplierId: filter.supplierId,
      active: filter.active,
    });
    const [rows, total] = await this.vehicles.findAndCount({
      where,
      order: { id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toVehicle), page, pageSize, total };
  }

  /**
   * The depot must exist and be a producer or depot.
   * @throws NetworkValidationError, VehicleAlreadyExistsError
   */
  async createVehicle(input: NewVehicle): Promise<Vehicle> {
    const row = vehicleRow(input);
    await this.dataSource.transaction(async (manager) => {
      await lockDepot(manager, row.depotFacilityId);
      try {
        await manager.insert(VehicleEntity, row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new VehicleAlreadyExistsError(row.id);
        throw error;
      }
    });
    return this.getVehicle(row.id);
  }

  /**
   * Creates the vehicle unless one with its id exists, which is returned unchanged (demo seed).
   * @throws NetworkValidationError
   */
  async ensureVehicle(input: NewVehicle): Promise<Vehicle> {
    const row = vehicleRow(input);
    const existing = await this.findVehicle(row.id);
    if (existing) return existing;
    await this.dataSource.transaction(async (manager) => {
      await lockDepot(manager, row.depotFacilityId);
      await manager
        .createQueryBuilder()
        .insert()
        .into(VehicleEntity)
        .values(row)
        .orIgnore()
        .execute();
    });
    return this.getVehicle(row.id);
  }

  /**
   * Changes the given fields; a new depot must exist and be a producer or depot.
   * @throws VehicleNotFoundError, NetworkValidationError
   */
  async updateVehicle(id: string, changes: VehicleChanges): Promise<Vehicle> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(VehicleEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new VehicleNotFoundError(id);
      const row = vehicleRow({ ...toVehicle(current), ...definedOnly(changes), id });
      if (row.depotFacilityId !== current.depotFacilityId) {
        await lockDepot(manager, row.depotFacilityId);
      }
      const { id: _id, ...columns } = row;
      await manager.update(VehicleEntity, { id }, columns);
    });
    return this.getVehicle(id);
  }
}

type FacilityRow = Omit<FacilityEntity, 'createdAt' | 'updatedAt'>;
type VehicleRow = Omit<VehicleEntity, 'createdAt' | 'updatedAt' | 'depotFacility'>;

/** Checks a whole facility and turns it into its table row. */
function facilityRow(input: NewFacility): FacilityRow {
  const facility: NewFacility = {
    ...input,
    name: typeof input.name === 'string' ? input.name.trim() : input.name,
  };
  const violations = facilityViolations(facility);
  if (violations.length > 0) throw new NetworkValidationError(`Facility ${input.id}`, violations);
  return {
    id: facility.id,
    kind: facility.kind,
    name: facility.name,
    governorate: facility.governorate,
    latitude: facility.latitude,
    longitude: facility.longitude,
    receivingOpens: facility.receivingHours?.opens ?? null,
    receivingCloses: facility.receivingHours?.closes ?? null,
    supplierId: facility.supplierId ?? null,
    active: facility.active ?? true,
  };
}

/** Checks a whole vehicle on its own (not its depot) and turns it into its table row. */
function vehicleRow(input: NewVehicle): VehicleRow {
  const vehicle: NewVehicle = {
    ...input,
    registrationPlate:
      typeof input.registrationPlate === 'string'
        ? input.registrationPlate.trim()
        : input.registrationPlate,
  };
  const violations = vehicleViolations(vehicle);
  if (violations.length > 0) throw new NetworkValidationError(`Vehicle ${input.id}`, violations);
  return {
    id: vehicle.id,
    registrationPlate: vehicle.registrationPlate,
    depotFacilityId: vehicle.depotFacilityId,
    capacity: { ...vehicle.capacity },
    supplierId: vehicle.supplierId,
    active: vehicle.active ?? true,
  };
}

/**
 * The facility a vehicle is to be based at, locked FOR SHARE until the transaction ends so that it
 * cannot become a hospital meanwhile; it must exist and be a producer or depot.
 */
async function lockDepot(manager: EntityManager, facilityId: string): Promise<void> {
  const depot = await manager.findOne(FacilityEntity, {
    select: { id: true, kind: true },
    where: { id: facilityId },
    lock: { mode: 'pessimistic_read' },
  });
  if (!depot) {
    throw new NetworkValidationError('Vehicle', [
      {
        field: 'depotFacilityId',
        rule: 'isExistingDepot',
        message: `depotFacilityId: facility ${facilityId} does not exist`,
      },
    ]);
  }
  if (!VEHICLE_BASE_KINDS.includes(depot.kind)) {
    throw new NetworkValidationError('Vehicle', [
      {
        field: 'depotFacilityId',
        rule: 'isExistingDepot',
        message: `depotFacilityId: facility ${facilityId} is a ${depot.kind}; vehicles are based at a ${VEHICLE_BASE_KINDS.join(' or ')}`,
      },
    ]);
  }
}

function toFacility(row: FacilityEntity): Facility {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    governorate: row.governorate,
    latitude: row.latitude,
    longitude: row.longitude,
    receivingHours:
      row.receivingOpens !== null && row.receivingCloses !== null
        ? { opens: row.receivingOpens, closes: row.receivingCloses }
        : null,
    supplierId: row.supplierId,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toVehicle(row: VehicleEntity): Vehicle {
  return {
    id: row.id,
    registrationPlate: row.registrationPlate,
    depotFacilityId: row.depotFacilityId,
    capacity: row.capacity,
    supplierId: row.supplierId,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function pageOf(request: PageRequest): { page: number; pageSize: number } {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const violations = [];
  if (!Number.isInteger(page) || page < 1) {
    violations.push({ field: 'page', rule: 'min', message: 'page must be a whole number ≥ 1' });
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    violations.push({
      field: 'pageSize',
      rule: 'max',
      message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
    });
  }
  if (violations.length > 0) throw new NetworkValidationError('Page request', violations);
  return { page, pageSize };
}

/** The object without its `undefined` properties (`null` is kept: it clears a field). */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === UNIQUE_VIOLATION
  );
}
