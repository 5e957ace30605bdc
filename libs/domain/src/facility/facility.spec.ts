import { aFacility } from '../testing/factories';
import { facilityIssues, InvalidFacility, isReceivingAt, validateFacility } from './facility';

describe('Facility', () => {
  it('accepts a valid facility', () => {
    expect(validateFacility(aFacility())).toEqual(aFacility());
    expect(facilityIssues(aFacility({ receivingHours: undefined, kind: 'producer' }))).toEqual([]);
  });

  it('lists every problem at once', () => {
    const issues = facilityIssues(
      aFacility({
        name: ' ',
        latitude: 91,
        longitude: -180.5,
        kind: 'warehouse' as never,
        governorate: '',
      }),
    );
    expect(issues.map((issue) => issue.field).sort()).toEqual([
      'governorate',
      'kind',
      'latitude',
      'longitude',
      'name',
    ]);
  });

  it('accepts the edges of the map', () => {
    expect(facilityIssues(aFacility({ latitude: -90, longitude: 180 }))).toEqual([]);
  });

  it.each([
    [{ opens: '8:00', closes: '20:00' }, 'receivingHours.opens'],
    [{ opens: '08:00', closes: '24:01' }, 'receivingHours.closes'],
    [{ opens: '20:00', closes: '08:00' }, 'receivingHours'],
  ])('refuses receiving hours %j', (receivingHours, field) => {
    expect(() => validateFacility(aFacility({ receivingHours }))).toThrow(InvalidFacility);
    expect(facilityIssues(aFacility({ receivingHours })).map((issue) => issue.field)).toEqual([
      field,
    ]);
  });

  it('receives within its hours (opening time included, closing time excluded)', () => {
    const facility = aFacility({ receivingHours: { opens: '08:00', closes: '20:00' } });
    expect([
      isReceivingAt(facility, '07:59'),
      isReceivingAt(facility, '08:00'),
      isReceivingAt(facility, '20:00'),
    ]).toEqual([false, true, false]);
    expect(isReceivingAt(aFacility({ receivingHours: undefined }), '03:00')).toBe(true);
  });
});
