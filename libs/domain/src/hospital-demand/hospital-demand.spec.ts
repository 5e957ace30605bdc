import { InvalidCommand } from '../shared/domain-error';
import {
  decideHospitalDemand,
  evolveHospitalDemand,
  type HospitalDemandEvent,
  initialHospitalDemand,
} from './hospital-demand';

const facilityId = 'basra-general';
const given = (...events: HospitalDemandEvent[]) =>
  events.reduce(evolveHospitalDemand, initialHospitalDemand());
const bedsSet = (general: number, at = '2026-11-20T08:00:00Z'): HospitalDemandEvent => ({
  type: 'HospitalBedsSet',
  version: 1,
  data: { facilityId, beds: { general, icu: 10, neonatal: 4 }, at },
});
const census = (severe: number, at: string): HospitalDemandEvent => ({
  type: 'OxygenCensusReported',
  version: 1,
  data: { facilityId, severe, critical: 1, at },
});

describe('hospital demand profile', () => {
  it('records the beds, and nothing when they are set again unchanged', () => {
    const command = {
      type: 'SetHospitalBeds' as const,
      data: {
        facilityId,
        beds: { general: 120, icu: 10, neonatal: 4 },
        at: '2026-11-21T08:00:00Z',
      },
    };
    expect(decideHospitalDemand(command, given())).toEqual([
      { type: 'HospitalBedsSet', version: 1, data: command.data },
    ]);
    expect(decideHospitalDemand(command, given(bedsSet(120)))).toEqual([]);
  });

  it('refuses counts that are not whole numbers, naming the field', () => {
    const refuse = (beds: Record<string, unknown>) => () =>
      decideHospitalDemand(
        {
          type: 'SetHospitalBeds',
          data: { facilityId, beds: beds as never, at: '2026-11-21T08:00:00Z' },
        },
        given(),
      );
    expect(refuse({ general: -1, icu: 0, neonatal: 0 })).toThrow(InvalidCommand);
    expect(refuse({ general: 1, icu: 2.5, neonatal: 0 })).toThrow(/beds\.icu/);
    expect(refuse({ general: 1, icu: 0 })).toThrow(/beds\.neonatal/);
  });

  it('keeps the latest census by when it was taken, even when an older one arrives later', () => {
    const state = given(census(5, '2026-11-21T09:00:00Z'), census(9, '2026-11-21T07:00:00Z'));
    expect(state.census).toEqual({ severe: 5, critical: 1, at: '2026-11-21T09:00:00Z' });
    expect(
      given(census(5, '2026-11-21T09:00:00Z'), census(2, '2026-11-21T10:00:00Z')).census,
    ).toEqual({ severe: 2, critical: 1, at: '2026-11-21T10:00:00Z' });
  });
});
