import type { HelpRequestCategory } from '@oxyledger/domain';
import { GOVERNORATE_CAPITALS } from './governorate-capitals';
import type { ExpertiseTag, PartnerOrganisation, PartnerPerson } from './partner-directory.types';

/** The expertise a category of request needs: the first tag is the core skill, worth double. */
export const TAGS_FOR_CATEGORY: Readonly<Record<HelpRequestCategory, readonly ExpertiseTag[]>> = {
  'plant-breakdown': ['psa-plant', 'electrical'],
  maintenance: ['psa-plant', 'cylinder-filling', 'manifolds-pipelines', 'electrical', 'biomedical'],
  'urgent-supply': ['logistics', 'cylinder-filling', 'procurement'],
  training: ['clinical-oxygen', 'biomedical'],
  equipment: ['biomedical', 'concentrators', 'manifolds-pipelines', 'procurement'],
};

export interface Place {
  governorate: string;
  latitude: number;
  longitude: number;
}

export interface RankedExpert {
  person: PartnerPerson;
  /** 2 for the core skill, 1 for each other useful skill. */
  expertise: number;
  matchedTags: ExpertiseTag[];
  coversGovernorate: boolean;
  /** From the place to the nearest capital of a governorate the person covers, km. */
  distanceKm: number;
}

/**
 * "Who can fix this": people with at least one needed skill, the available ones first, then by
 * expertise, then nearest (covering the place's governorate counts as 0 km), then by name.
 */
export function rankExperts(
  people: readonly PartnerPerson[],
  needed: readonly ExpertiseTag[],
  place: Place,
): RankedExpert[] {
  return people
    .map((person) => {
      const matchedTags = needed.filter((tag) => person.tags.includes(tag));
      const expertise = matchedTags.reduce((n, tag) => n + (tag === needed[0] ? 2 : 1), 0);
      const coversGovernorate = person.governorates.includes(place.governorate);
      return {
        person,
        expertise,
        matchedTags,
        coversGovernorate,
        distanceKm: coversGovernorate ? 0 : nearestCapitalKm(person.governorates, place),
      };
    })
    .filter((ranked) => ranked.expertise > 0)
    .sort(
      (a, b) =>
        Number(b.person.available) - Number(a.person.available) ||
        b.expertise - a.expertise ||
        a.distanceKm - b.distanceKm ||
        a.person.name.localeCompare(b.person.name),
    );
}

export interface RankedOrganisation {
  organisation: PartnerOrganisation;
  matchedServices: ExpertiseTag[];
}

/** Organisations covering the governorate that offer a needed service, most services first. */
export function rankOrganisations(
  organisations: readonly PartnerOrganisation[],
  needed: readonly ExpertiseTag[],
  governorate: string,
): RankedOrganisation[] {
  return organisations
    .filter((organisation) => organisation.governorates.includes(governorate))
    .map((organisation) => ({
      organisation,
      matchedServices: needed.filter((tag) => organisation.services.includes(tag)),
    }))
    .filter((ranked) => ranked.matchedServices.length > 0)
    .sort(
      (a, b) =>
        b.matchedServices.length - a.matchedServices.length ||
        a.organisation.name.localeCompare(b.organisation.name),
    );
}

function nearestCapitalKm(governorates: readonly string[], place: Place): number {
  const distances = governorates
    .map((name) => GOVERNORATE_CAPITALS[name])
    .filter((capital) => capital !== undefined)
    .map((capital) => greatCircleKm(place, capital));
  return distances.length ? Math.round(Math.min(...distances)) : Number.MAX_SAFE_INTEGER;
}

function greatCircleKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
