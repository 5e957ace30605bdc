import { CylinderSizeCatalog, STANDARD_CYLINDER_SIZES } from '../cylinder-size/cylinder-size';
import { InvalidCommand } from '../shared/domain-error';
import {
  dailyFillCapacity,
  decidePlant,
  evolvePlant,
  initialPlantState,
  type PlantCommand,
  type PlantState,
} from './plant';

const sizes = new CylinderSizeCatalog(STANDARD_CYLINDER_SIZES);
const at = '2026-11-26T06:00:00Z';
const facilityId = 'basra-psa-1';

function when(state: PlantState, ...commands: PlantCommand[]): PlantState {
  return commands.reduce(
    (current, command) => decidePlant(command, current).reduce(evolvePlant, current),
    state,
  );
}
const capacity: PlantCommand = {
  type: 'SetPlantCapacity',
  data: {
    facilityId,
    outputCubicMetresPerHour: 50,
    hoursPerDay: 20,
    fillLimitsPerDay: { J: 100 },
    at,
  },
};
const status = (s: 'running' | 'degraded' | 'down', extra: object = {}): PlantCommand => ({
  type: 'ChangePlantStatus',
  data: { facilityId, status: s, at, ...extra },
});

describe('plant capacity and status', () => {
  it('turns output and hours into cylinders a day per size, capped by the filling line', () => {
    // 50 m³/h × 20 h = 1,000,000 L a day: J 6,800 L → 147, capped at 100; E 680 L → 1,470
    const plant = when(initialPlantState(), capacity);
    expect(dailyFillCapacity(plant, sizes)).toEqual([
      { sizeCode: 'D', cylindersPerDay: 2_941 },
      { sizeCode: 'E', cylindersPerDay: 1_470 },
      { sizeCode: 'F', cylindersPerDay: 735 },
      { sizeCode: 'J', cylindersPerDay: 100 },
    ]);
  });

  it('keeps a share while degraded and nothing while down', () => {
    // degraded to 40 %: 400,000 L → E 588, J 58
    const degraded = when(
      initialPlantState(),
      capacity,
      status('degraded', { reason: 'one compressor down', capacityPercent: 40 }),
    );
    expect(dailyFillCapacity(degraded, sizes).find((s) => s.sizeCode === 'J')).toEqual({
      sizeCode: 'J',
      cylindersPerDay: 58,
    });
    expect(
      dailyFillCapacity(degraded, sizes).find((s) => s.sizeCode === 'E')?.cylindersPerDay,
    ).toBe(588);

    const down = when(degraded, status('down', { reason: 'power cut' }));
    expect(down).toMatchObject({ status: 'down', reason: 'power cut', statusSince: at });
    expect(dailyFillCapacity(down, sizes).every((s) => s.cylindersPerDay === 0)).toBe(true);
  });

  it('needs a reason for anything but running, and records no change twice', () => {
    expect(() => decidePlant(status('down'), initialPlantState())).toThrow(InvalidCommand);
    expect(() => decidePlant(status('down'), initialPlantState())).toThrow(/reason/);
    expect(() =>
      decidePlant(status('degraded', { reason: 'x', capacityPercent: 100 }), initialPlantState()),
    ).toThrow(/capacityPercent/);
    expect(decidePlant(status('running'), initialPlantState())).toEqual([]);
  });

  it('refuses an impossible capacity, naming the field', () => {
    const bad: PlantCommand = {
      type: 'SetPlantCapacity',
      data: { facilityId, outputCubicMetresPerHour: 50, hoursPerDay: 25, fillLimitsPerDay: {}, at },
    };
    expect(() => decidePlant(bad, initialPlantState())).toThrow(/hoursPerDay/);
  });
});
