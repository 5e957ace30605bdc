/** The partner directory and help requests as the api answers them. */

export const ORGANISATION_KINDS = [
  'federal-health',
  'krg-health',
  'un-agency',
  'ngo',
  'producer',
  'service-company',
  'university',
] as const;
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
export const HELP_CATEGORIES = [
  'plant-breakdown',
  'maintenance',
  'urgent-supply',
  'training',
  'equipment',
] as const;
export const HELP_URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export const HELP_STATES = [
  'opened',
  'triaged',
  'assigned',
  'in-progress',
  'resolved',
  'closed',
  'reopened',
] as const;

/** Roles that open help requests (the api checks the facility too). */
export const MAY_OPEN_HELP_REQUESTS: readonly string[] = [
  'hospital',
  'producer',
  'dispatcher',
  'admin',
];

export type HelpCategory = (typeof HELP_CATEGORIES)[number];
export type HelpUrgency = (typeof HELP_URGENCIES)[number];
export type HelpState = (typeof HELP_STATES)[number];

export interface PersonView {
  id: string;
  name: string;
  organisationId: string | null;
  jobTitle: string;
  tags: string[];
  governorates: string[];
  languages: string[];
  available: boolean;
  userId: string | null;
  contacts: { channel: string; value: string }[];
  hiddenContacts: number;
}

export interface OrganisationView {
  id: string;
  name: string;
  kind: string;
  governorates: string[];
  services: string[];
  surgeCapacity: string;
  facilityIds: string[];
  website: string | null;
}

export interface OrganisationPageView extends OrganisationView {
  facilities: { id: string; name: string; kind: string; governorate: string }[];
  people: PersonView[];
}

export interface RankedExpertView {
  person: PersonView;
  expertise: number;
  matchedTags: string[];
  coversGovernorate: boolean;
  distanceKm: number;
}

export interface SuggestionsView {
  neededTags: string[];
  people: RankedExpertView[];
  organisations: { organisation: OrganisationView; matchedServices: string[] }[];
}

export interface BoardItem {
  requestId: string;
  category: HelpCategory;
  urgency: HelpUrgency;
  status: HelpState;
  facilityId: string;
  facilityName: string | null;
  governorate: string | null;
  title: string;
  openedAt: string;
  assignee: { kind: string; id: string; name: string | null } | null;
  comments: number;
}

export interface HelpRequestView {
  requestId: string;
  status: HelpState;
  category: HelpCategory;
  urgency: HelpUrgency;
  facilityId: string;
  title: string;
  openedBy: string;
  description: string;
  photos: string[];
  facility: { id: string; name: string; kind: string; governorate: string } | null;
  assignee: {
    kind: 'person' | 'organisation';
    id: string;
    userId?: string;
    name: string | null;
  } | null;
  timeline: {
    type: string;
    at: string;
    by: string;
    byName: string | null;
    data: Record<string, unknown>;
  }[];
}

export interface HelpStatsRow {
  category: HelpCategory;
  governorate: string;
  requests: number;
  assigned: number;
  resolved: number;
  medianHoursToAssign: number | null;
  medianHoursToResolve: number | null;
}
