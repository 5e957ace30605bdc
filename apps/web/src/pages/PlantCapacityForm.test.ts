import { describe, expect, it } from 'vitest';
import { plantCapacityBody, plantCapacityDraft } from './PlantCapacityForm';

describe('the plant capacity form', () => {
  it('starts from the capacity the plant has, every standard size offered', () => {
    const draft = plantCapacityDraft({
      capacity: { outputCubicMetresPerHour: 80, hoursPerDay: 22, fillLimitsPerDay: { J: 120 } },
    });
    expect(draft).toEqual({
      outputCubicMetresPerHour: 80,
      hoursPerDay: 22,
      fillLimitsPerDay: { D: '', E: '', F: '', J: '120' },
    });
  });

  it('sends only the limits typed; a blank size has no cap', () => {
    const draft = plantCapacityDraft({ capacity: null });
    draft.fillLimitsPerDay.E = '600';
    expect(plantCapacityBody(draft)).toEqual({
      body: { outputCubicMetresPerHour: 50, hoursPerDay: 20, fillLimitsPerDay: { E: 600 } },
    });
  });

  it('names a limit that is not a whole number of 1 or more', () => {
    const draft = plantCapacityDraft({ capacity: null });
    draft.fillLimitsPerDay.J = '0';
    expect(plantCapacityBody(draft)).toEqual({ field: 'fillLimitsPerDay.J' });
  });
});
