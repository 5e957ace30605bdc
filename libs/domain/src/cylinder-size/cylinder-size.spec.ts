import {
  CylinderSizeCatalog,
  InvalidCylinderSizeCatalog,
  STANDARD_CYLINDER_SIZES,
  UnknownCylinderSize,
} from './cylinder-size';

describe('CylinderSizeCatalog', () => {
  const catalog = new CylinderSizeCatalog(STANDARD_CYLINDER_SIZES);

  it('knows the standard medical sizes as data', () => {
    expect(catalog.codes()).toEqual(['D', 'E', 'F', 'J']);
    expect(catalog.get('J').oxygenLitres).toBe(6800);
    expect(catalog.oxygenLitres('E', 3)).toBe(2040);
  });

  it('takes any size a deployment configures', () => {
    const custom = new CylinderSizeCatalog([
      { code: 'M40', waterCapacityLitres: 40, oxygenLitres: 6000 },
    ]);
    expect(custom.has('M40')).toBe(true);
    expect(custom.has('E')).toBe(false);
  });

  it('refuses an unknown code, naming the known ones', () => {
    expect(() => catalog.get('Z', 'OX-1')).toThrow(UnknownCylinderSize);
    expect(() => catalog.get('Z')).toThrow(/known: D, E, F, J/);
  });

  it('refuses a catalog with repeated codes, non-positive volumes, or no sizes', () => {
    expect(
      () =>
        new CylinderSizeCatalog([
          { code: 'E', waterCapacityLitres: 4.7, oxygenLitres: 680 },
          { code: 'E', waterCapacityLitres: 0, oxygenLitres: 680 },
        ]),
    ).toThrow(InvalidCylinderSizeCatalog);
    expect(() => new CylinderSizeCatalog([])).toThrow(InvalidCylinderSizeCatalog);
  });

  it('cannot be changed through what it returns', () => {
    catalog.get('E').oxygenLitres = 1;
    catalog.list()[0]!.oxygenLitres = 1;
    expect(catalog.get('E').oxygenLitres).toBe(680);
    expect(catalog.get('D').oxygenLitres).toBe(340);
  });
});
