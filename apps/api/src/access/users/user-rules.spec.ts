import { inputViolations, scopeViolations } from './user-rules';

describe('scopeViolations', () => {
  it('accepts each role with the scope it needs', () => {
    expect(
      scopeViolations({ role: 'producer', facilityId: 'basra-psa', supplierId: null }),
    ).toEqual([]);
    expect(
      scopeViolations({ role: 'hospital', facilityId: 'basra-general', supplierId: null }),
    ).toEqual([]);
    expect(scopeViolations({ role: 'dispatcher', facilityId: null, supplierId: 'sup-a' })).toEqual(
      [],
    );
    expect(scopeViolations({ role: 'dispatcher', facilityId: null, supplierId: null })).toEqual([]);
    expect(scopeViolations({ role: 'driver', facilityId: null, supplierId: 'sup-a' })).toEqual([]);
    expect(scopeViolations({ role: 'analyst', facilityId: null, supplierId: null })).toEqual([]);
    expect(scopeViolations({ role: 'admin', facilityId: null, supplierId: null })).toEqual([]);
  });

  it('requires a facility for producers and hospital users', () => {
    expect(scopeViolations({ role: 'producer', facilityId: null, supplierId: null })).toEqual([
      {
        field: 'facilityId',
        rule: 'requiredForRole',
        message:
          'facilityId is required for role producer (a producer user acts at their own plant)',
      },
    ]);
    expect(
      scopeViolations({ role: 'hospital', facilityId: null, supplierId: null })[0].message,
    ).toMatch(/own hospital/);
  });

  it('refuses a facility or a supplier where the role has none', () => {
    expect(
      scopeViolations({ role: 'analyst', facilityId: 'basra-psa', supplierId: 'sup-a' }),
    ).toEqual([
      {
        field: 'facilityId',
        rule: 'notAllowedForRole',
        message:
          'facilityId must be empty for role analyst: only producer and hospital users have a facility',
      },
      {
        field: 'supplierId',
        rule: 'notAllowedForRole',
        message:
          "supplierId must be empty for role analyst: only dispatcher and driver users belong to a supplier's fleet",
      },
    ]);
  });
});

describe('inputViolations', () => {
  it('accepts good input', () => {
    expect(
      inputViolations({
        username: 'Ali.Hassan@basra',
        password: 'long enough pass',
        facilityId: 'basra-psa',
        supplierId: null,
      }),
    ).toEqual([]);
  });

  it('names each field that breaks a rule', () => {
    expect(
      inputViolations({ username: 'a b', password: 'short', facilityId: 'Basra PSA' }).map(
        (violation) => `${violation.field}:${violation.rule}`,
      ),
    ).toEqual(['username:matches', 'password:length', 'facilityId:matches']);
  });
});
