import type { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { createValidationPipe } from '../shared/http/validation.pipe';
import { CreateFacilityRequest, FacilityQuery, UpdateFacilityRequest } from './facility.dto';
import { CreateVehicleRequest, UpdateVehicleRequest } from './vehicle.dto';

/** The request DTOs through the api's validation pipe, as the global pipe runs them. */
const pipe = createValidationPipe();

async function violationsOf(
  metatype: ArgumentMetadata['metatype'],
  value: unknown,
  type: ArgumentMetadata['type'] = 'body',
): Promise<string[]> {
  // Sorted: the order of the rules on one field is class-validator's business.
  try {
    await pipe.transform(value, { type, metatype });
    return [];
  } catch (error) {
    const body = (error as BadRequestException).getResponse() as {
      violations: { field: string; rule: string }[];
    };
    return body.violations.map(({ field, rule }) => `${field}:${rule}`).sort();
  }
}

const facility = {
  id: 'basra-general',
  kind: 'hospital',
  name: 'Basra General Hospital',
  governorate: 'Basra',
  latitude: 30.5,
  longitude: 47.8,
};

const vehicle = {
  id: 'baghdad-truck-07',
  registrationPlate: 'BGD 12345',
  depotFacilityId: 'baghdad-psa-1',
  capacity: { J: 60, E: 120 },
  supplierId: 'baghdad-oxygen',
};

describe('network request DTOs', () => {
  it('accept a valid facility, trimming its name', async () => {
    const request = (await pipe.transform(
      { ...facility, name: '  Basra General Hospital ', receivingHours: null },
      { type: 'body', metatype: CreateFacilityRequest },
    )) as CreateFacilityRequest;

    expect(request).toBeInstanceOf(CreateFacilityRequest);
    expect(request.name).toBe('Basra General Hospital');
  });

  it('name each broken facility field with its rule, and unknown fields', async () => {
    expect(
      await violationsOf(CreateFacilityRequest, {
        ...facility,
        id: 'Basra',
        kind: 'clinic',
        governorate: 'Basrah',
        latitude: '30.5',
        longitude: 200,
        receivingHours: { opens: '16:00', closes: '08:00' },
        colour: 'red',
      }),
    ).toEqual([
      'colour:whitelistValidation',
      'governorate:isGovernorate',
      'id:isSlug',
      'kind:isIn',
      'latitude:isNumber',
      'latitude:max',
      'latitude:min',
      'longitude:max',
      'receivingHours:isReceivingHours',
    ]);
  });

  it('let an update clear receiving hours and a supplier, but not a required field', async () => {
    expect(
      await violationsOf(UpdateFacilityRequest, { receivingHours: null, supplierId: null }),
    ).toEqual([]);
    expect(await violationsOf(UpdateFacilityRequest, {})).toEqual([]);
    expect(
      await violationsOf(UpdateFacilityRequest, { name: null, latitude: null, active: null }),
    ).toEqual([
      'active:isBoolean',
      'latitude:isNumber',
      'latitude:max',
      'latitude:min',
      'name:isNotEmpty',
      'name:isString',
      'name:maxLength',
    ]);
    expect(await violationsOf(UpdateFacilityRequest, { id: 'other-id' })).toEqual([
      'id:whitelistValidation',
    ]);
  });

  it('check a vehicle capacity and refuse a null field on update', async () => {
    expect(await violationsOf(CreateVehicleRequest, vehicle)).toEqual([]);
    expect(await violationsOf(CreateVehicleRequest, { ...vehicle, capacity: { j: 60 } })).toEqual([
      'capacity:isVehicleCapacity',
    ]);
    expect(await violationsOf(UpdateVehicleRequest, { capacity: null })).toEqual([
      'capacity:isVehicleCapacity',
    ]);
  });

  it('turn query strings into numbers and booleans, within bounds', async () => {
    const query = (await pipe.transform(
      { page: '2', pageSize: '200', active: 'false', kind: 'producer' },
      { type: 'query', metatype: FacilityQuery },
    )) as FacilityQuery;
    expect(query).toMatchObject({ page: 2, pageSize: 200, active: false, kind: 'producer' });

    expect(
      await violationsOf(FacilityQuery, { page: '0', pageSize: '201', active: 'yes' }, 'query'),
    ).toEqual(['active:isBoolean', 'page:min', 'pageSize:max']);
    expect(await violationsOf(FacilityQuery, { pageSize: 'ten' }, 'query')).toEqual([
      'pageSize:isInt',
      'pageSize:max',
      'pageSize:min',
    ]);
  });
});
