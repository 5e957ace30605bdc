import type { PartnerPerson } from './partner-directory.types';
import { rankExperts, rankOrganisations, TAGS_FOR_CATEGORY } from './expert-matching';

const expert = (id: string, extra: Partial<PartnerPerson>): PartnerPerson => ({
  id,
  name: id,
  organisationId: null,
  jobTitle: '',
  tags: [],
  governorates: ['Baghdad'],
  languages: ['ar'],
  available: true,
  userId: null,
  contacts: [],
  ...extra,
});

// a plant in Basra
const basraPlant = { governorate: 'Basra', latitude: 30.5, longitude: 47.8 };

describe('who can fix a plant', () => {
  const people = [
    expert('psa-baghdad', { tags: ['psa-plant'], governorates: ['Baghdad'] }),
    expert('psa-basra', { tags: ['psa-plant'], governorates: ['Basra'] }),
    expert('psa-maysan', { tags: ['psa-plant'], governorates: ['Maysan'] }),
    expert('electrician-basra', { tags: ['electrical'], governorates: ['Basra'] }),
    expert('psa-electrical-erbil', { tags: ['psa-plant', 'electrical'], governorates: ['Erbil'] }),
    expert('psa-away', { tags: ['psa-plant'], governorates: ['Basra'], available: false }),
    expert('clinician', { tags: ['clinical-oxygen'], governorates: ['Basra'] }),
  ];

  it('ranks by expertise, then nearest, available people first, and leaves out the unskilled', () => {
    const ranked = rankExperts(people, TAGS_FOR_CATEGORY['plant-breakdown'], basraPlant);
    expect(ranked.map((r) => r.person.id)).toEqual([
      'psa-electrical-erbil', // core skill and electrical: expertise 3
      'psa-basra', // expertise 2, covers Basra (0 km)
      'psa-maysan', // expertise 2, Amarah ~170 km
      'psa-baghdad', // expertise 2, Baghdad ~450 km
      'electrician-basra', // expertise 1
      'psa-away', // not available now
    ]);
    const maysan = ranked.find((r) => r.person.id === 'psa-maysan')!;
    expect(maysan.distanceKm).toBeGreaterThan(100);
    expect(maysan.distanceKm).toBeLessThan(200);
    expect(ranked.find((r) => r.person.id === 'psa-basra')).toMatchObject({
      coversGovernorate: true,
      distanceKm: 0,
      matchedTags: ['psa-plant'],
    });
  });

  it('suggests organisations covering the governorate that offer a needed service', () => {
    const org = (id: string, governorates: string[], services: PartnerPerson['tags']) => ({
      id,
      name: id,
      kind: 'service-company' as const,
      governorates,
      services,
      surgeCapacity: '',
      facilityIds: [],
      website: null,
    });
    const ranked = rankOrganisations(
      [
        org('b-psa', ['Basra'], ['psa-plant']),
        org('a-both', ['Basra', 'Maysan'], ['psa-plant', 'electrical']),
        org('erbil-psa', ['Erbil'], ['psa-plant']),
        org('b-logistics', ['Basra'], ['logistics']),
      ],
      TAGS_FOR_CATEGORY['plant-breakdown'],
      'Basra',
    );
    expect(ranked.map((r) => r.organisation.id)).toEqual(['a-both', 'b-psa']);
  });
});
