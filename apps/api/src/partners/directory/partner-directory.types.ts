import type { Role } from '../../access/actor';

export const ORGANISATION_KINDS = [
  'federal-health',
  'krg-health',
  'un-agency',
  'ngo',
  'producer',
  'service-company',
  'university',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** What experts know and organisations offer; one vocabulary for both, so they can be matched. */
export const EXPERTISE_TAGS = [
  'psa-plant',
  'cylinder-filling',
  'manifolds-pipelines',
  'concentrators',
  'biomedical',
  'electrical',
  'procurement',
  'clinical-oxygen',
  'logistics',
] as const;
export type ExpertiseTag = (typeof EXPERTISE_TAGS)[number];

export const PARTNER_LANGUAGES = ['ar', 'ckb', 'en'] as const;
export type PartnerLanguage = (typeof PARTNER_LANGUAGES)[number];

export const CONTACT_CHANNELS = ['phone', 'email', 'whatsapp', 'signal'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * One way to reach a person, with their consent: `shareWith` lists the roles they agreed may see
 * it (empty: kept on file, shown to nobody but themselves).
 */
export interface ContactChannelEntry {
  channel: ContactChannel;
  value: string;
  shareWith: Role[];
}

export interface PartnerOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  governorates: string[];
  services: ExpertiseTag[];
  surgeCapacity: string;
  facilityIds: string[];
  website: string | null;
}

export interface PartnerPerson {
  id: string;
  name: string;
  organisationId: string | null;
  jobTitle: string;
  tags: ExpertiseTag[];
  governorates: string[];
  languages: PartnerLanguage[];
  available: boolean;
  /** The platform user this person is, if any: notifications and assignments reach them. */
  userId: string | null;
  contacts: ContactChannelEntry[];
}
