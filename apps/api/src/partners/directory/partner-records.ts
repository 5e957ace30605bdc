import type { ValidationIssue } from '@oxyledger/domain';
import { isRole } from '../../access/actor';
import { isKnownGovernorate } from '@oxyledger/network';
import {
  CONTACT_CHANNELS,
  type ContactChannelEntry,
  EXPERTISE_TAGS,
  ORGANISATION_KINDS,
  PARTNER_LANGUAGES,
  type PartnerOrganisation,
  type PartnerPerson,
} from './partner-directory.types';

const SLUG = /^[a-z0-9][a-z0-9-]{1,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,24}$/;

/**
 * The rules of a directory record, shared by the JSON api and the CSV import: every problem is
 * listed with its field and rule, so a person fixing a spreadsheet sees them all at once.
 */
export function organisationIssues(input: Partial<PartnerOrganisation>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  slug(input.id, 'id', issues);
  text(input.name, 'name', 200, issues);
  oneOf(input.kind, ORGANISATION_KINDS, 'kind', issues);
  governorates(input.governorates, issues);
  list(input.services, EXPERTISE_TAGS, 'services', issues);
  if (input.surgeCapacity !== undefined && !isText(input.surgeCapacity, 500, true))
    issues.push({ field: 'surgeCapacity', rule: 'must be text of at most 500 characters' });
  if (!Array.isArray(input.facilityIds) || input.facilityIds.some((id) => !SLUG.test(String(id))))
    issues.push({ field: 'facilityIds', rule: 'must be a list of facility ids' });
  if (
    input.website !== undefined &&
    input.website !== null &&
    !/^https?:\/\/\S{3,200}$/.test(String(input.website))
  )
    issues.push({ field: 'website', rule: 'must be an http(s) address' });
  return issues;
}

export function personIssues(input: Partial<PartnerPerson>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  slug(input.id, 'id', issues);
  text(input.name, 'name', 200, issues);
  if (input.organisationId !== null && input.organisationId !== undefined)
    slug(input.organisationId, 'organisationId', issues);
  if (input.jobTitle !== undefined && !isText(input.jobTitle, 200, true))
    issues.push({ field: 'jobTitle', rule: 'must be text of at most 200 characters' });
  list(input.tags, EXPERTISE_TAGS, 'tags', issues);
  governorates(input.governorates, issues);
  list(input.languages, PARTNER_LANGUAGES, 'languages', issues);
  if (typeof input.available !== 'boolean')
    issues.push({ field: 'available', rule: 'must be true or false' });
  if (input.userId !== null && input.userId !== undefined && !UUID.test(String(input.userId)))
    issues.push({ field: 'userId', rule: 'must be the id of a platform user' });
  contacts(input.contacts, issues);
  return issues;
}

function contacts(value: unknown, issues: ValidationIssue[]): void {
  if (!Array.isArray(value) || value.length > 8) {
    issues.push({ field: 'contacts', rule: 'must be a list of at most 8 contact channels' });
    return;
  }
  value.forEach((entry: Partial<ContactChannelEntry>, k) => {
    const at = `contacts[${k}]`;
    if (!CONTACT_CHANNELS.includes(entry?.channel as never)) {
      issues.push({
        field: `${at}.channel`,
        rule: `must be one of ${CONTACT_CHANNELS.join(', ')}`,
      });
      return;
    }
    const v = String(entry.value ?? '');
    const ok = entry.channel === 'email' ? EMAIL.test(v) : PHONE.test(v);
    if (!ok || v.length > 200)
      issues.push({
        field: `${at}.value`,
        rule: entry.channel === 'email' ? 'must be an e-mail address' : 'must be a phone number',
      });
    if (!Array.isArray(entry.shareWith) || entry.shareWith.some((role) => !isRole(role)))
      issues.push({
        field: `${at}.shareWith`,
        rule: 'must list the roles the person agreed may see it (may be empty)',
      });
  });
}

function slug(value: unknown, field: string, issues: ValidationIssue[]): void {
  if (typeof value !== 'string' || !SLUG.test(value))
    issues.push({ field, rule: 'must be 2–64 lowercase letters, digits or -' });
}

function isText(value: unknown, max: number, mayBeEmpty = false): boolean {
  return (
    typeof value === 'string' && value.length <= max && (mayBeEmpty || value.trim().length > 0)
  );
}

function text(value: unknown, field: string, max: number, issues: ValidationIssue[]): void {
  if (!isText(value, max)) issues.push({ field, rule: `must be text of 1 to ${max} characters` });
}

function oneOf(
  value: unknown,
  allowed: readonly string[],
  field: string,
  issues: ValidationIssue[],
) {
  if (typeof value !== 'string' || !allowed.includes(value))
    issues.push({ field, rule: `must be one of ${allowed.join(', ')}` });
}

function list(
  value: unknown,
  allowed: readonly string[],
  field: string,
  issues: ValidationIssue[],
) {
  if (!Array.isArray(value) || value.some((item) => !allowed.includes(item as string)))
    issues.push({ field, rule: `must be a list of ${allowed.join(', ')}` });
}

function governorates(value: unknown, issues: ValidationIssue[]): void {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isKnownGovernorate))
    issues.push({ field: 'governorates', rule: 'must list at least one known governorate' });
}
