import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import type {
  ExpertiseTag,
  OrganisationKind,
  PartnerOrganisation,
  PartnerPerson,
} from './partner-directory.types';

export interface PeopleFilter {
  q?: string;
  tag?: ExpertiseTag;
  governorate?: string;
  organisationKind?: OrganisationKind;
  organisationId?: string;
  availableNow?: boolean;
  /** Only people with at least one of these tags (matching). */
  anyTags?: readonly string[];
}

export interface OrganisationFilter {
  q?: string;
  kind?: OrganisationKind;
  governorate?: string;
  service?: ExpertiseTag;
}

export interface HistoryEntry {
  action: 'created' | 'updated' | 'imported';
  changedBy: string;
  changedAt: string;
  before: unknown;
  after: unknown;
}

interface PersonRow {
  id: string;
  name: string;
  organisation_id: string | null;
  job_title: string;
  tags: string[];
  governorates: string[];
  languages: string[];
  available: boolean;
  user_id: string | null;
  contacts: PartnerPerson['contacts'];
}

interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  governorates: string[];
  services: string[];
  surge_capacity: string;
  facility_ids: string[];
  website: string | null;
}

const PERSON_COLUMNS = `p.id, p.name, p.organisation_id, p.job_title, p.tags, p.governorates,
  p.languages, p.available, p.user_id::text AS user_id, p.contacts`;

/**
 * The partner directory: organisations and people as master data in PostgreSQL, every change
 * written together with its history row (who, when, before and after) in one transaction.
 */
@Injectable()
export class PartnerDirectoryService {
  constructor(private readonly dataSource: DataSource) {}

  async listPeople(
    filter: PeopleFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: PartnerPerson[]; total: number }> {
    const { where, values } = peopleWhere(filter);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM app.partner_people p
         LEFT JOIN app.partner_organisations o ON o.id = p.organisation_id ${where}`,
      values,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM app.partner_people p
         LEFT JOIN app.partner_organisations o ON o.id = p.organisation_id ${where}
        ORDER BY p.name, p.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, page.pageSize, (page.page - 1) * page.pageSize],
    )) as PersonRow[];
    return { items: rows.map(toPerson), total };
  }

  /** Everyone matching, unpaged: for ranking "who can fix" (bounded by the tag filter). */
  async peopleWithAnyTag(tags: readonly string[]): Promise<PartnerPerson[]> {
    const { where, values } = peopleWhere({ anyTags: tags });
    const rows = (await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM app.partner_people p ${where} ORDER BY p.id LIMIT 2000`,
      values,
    )) as PersonRow[];
    return rows.map(toPerson);
  }

  async findPerson(id: string): Promise<PartnerPerson | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM app.partner_people p WHERE p.id = $1`,
      [id],
    )) as PersonRow[];
    return rows[0] ? toPerson(rows[0]) : undefined;
  }

  async peopleOfUser(userId: string): Promise<PartnerPerson[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM app.partner_people p WHERE p.user_id::text = $1`,
      [userId],
    )) as PersonRow[];
    return rows.map(toPerson);
  }

  async listOrganisations(filter: OrganisationFilter): Promise<PartnerOrganisation[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      conditions.push(sql.replace('?', `$${values.length}`));
    };
    if (filter.q) add(`o.name ILIKE ?`, `%${escapeLike(filter.q)}%`);
    if (filter.kind) add(`o.kind = ?`, filter.kind);
    if (filter.governorate) add(`? = ANY(o.governorates)`, filter.governorate);
    if (filter.service) add(`? = ANY(o.services)`, filter.service);
    const rows = (await this.dataSource.query(
      `SELECT * FROM app.partner_organisations o
        ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY o.name LIMIT 500`,
      values,
    )) as OrganisationRow[];
    return rows.map(toOrganisation);
  }

  async findOrganisation(id: string): Promise<PartnerOrganisation | undefined> {
    const rows = (await this.dataSource.query(
      'SELECT * FROM app.partner_organisations WHERE id = $1',
      [id],
    )) as OrganisationRow[];
    return rows[0] ? toOrganisation(rows[0]) : undefined;
  }

  async organisationIds(): Promise<Set<string>> {
    const rows = (await this.dataSource.query('SELECT id FROM app.partner_organisations')) as {
      id: string;
    }[];
    return new Set(rows.map((row) => row.id));
  }

  async saveOrganisation(organisation: PartnerOrganisation, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const before = await lockedRow(tx, 'partner_organisations', organisation.id);
      await tx.query(
        `INSERT INTO app.partner_organisations
           (id, name, kind, governorates, services, surge_capacity, facility_ids, website, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
         ON CONFLICT (id) DO UPDATE SET name = $2, kind = $3, governorates = $4, services = $5,
           surge_capacity = $6, facility_ids = $7, website = $8, updated_by = $9, updated_at = now()`,
        [
          organisation.id,
          organisation.name,
          organisation.kind,
          organisation.governorates,
          organisation.services,
          organisation.surgeCapacity,
          organisation.facilityIds,
          organisation.website,
          actor.userId,
        ],
      );
      await history(
        tx,
        'organisation',
        organisation.id,
        before ? 'updated' : 'created',
        actor,
        before,
        organisation,
      );
    });
  }

  async savePerson(person: PartnerPerson, actor: Actor): Promise<void> {
    await this.dataSource.transaction((tx) => upsertPerson(tx, person, actor, undefined));
  }

  /** Every row or none: one transaction. */
  async importPeople(
    people: readonly PartnerPerson[],
    actor: Actor,
  ): Promise<{ created: number; updated: number }> {
    return this.dataSource.transaction(async (tx) => {
      let created = 0;
      for (const person of people) {
        if ((await upsertPerson(tx, person, actor, 'imported')) === 'created') created++;
      }
      return { created, updated: people.length - created };
    });
  }

  async history(kind: 'organisation' | 'person', id: string): Promise<HistoryEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT action, changed_by, changed_at, before, after FROM app.partner_directory_history
        WHERE record_kind = $1 AND record_id = $2 ORDER BY id DESC LIMIT 200`,
      [kind, id],
    )) as {
      action: HistoryEntry['action'];
      changed_by: string;
      changed_at: Date;
      before: unknown;
      after: unknown;
    }[];
    return rows.map((row) => ({
      action: row.action,
      changedBy: row.changed_by,
      changedAt: row.changed_at.toISOString(),
      before: row.before,
      after: row.after,
    }));
  }

  /** Whether a platform user exists (a person's `userId` must name one). */
  async userExists(userId: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT 1 FROM app.users WHERE id::text = $1', [
      userId,
    ])) as unknown[];
    return rows.length > 0;
  }
}

async function upsertPerson(
  tx: EntityManager,
  person: PartnerPerson,
  actor: Actor,
  action: 'imported' | undefined,
): Promise<'created' | 'updated'> {
  const before = await lockedRow(tx, 'partner_people', person.id);
  await tx.query(
    `INSERT INTO app.partner_people (id, name, organisation_id, job_title, tags, governorates,
        languages, available, user_id, contacts, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
     ON CONFLICT (id) DO UPDATE SET name = $2, organisation_id = $3, job_title = $4, tags = $5,
       governorates = $6, languages = $7, available = $8, user_id = $9, contacts = $10,
       updated_by = $11, updated_at = now()`,
    [
      person.id,
      person.name,
      person.organisationId,
      person.jobTitle,
      person.tags,
      person.governorates,
      person.languages,
      person.available,
      person.userId,
      JSON.stringify(person.contacts),
      actor.userId,
    ],
  );
  const result = before ? 'updated' : 'created';
  await history(tx, 'person', person.id, action ?? result, actor, before, person);
  return result;
}

async function lockedRow(tx: EntityManager, table: string, id: string): Promise<unknown> {
  const rows = (await tx.query(`SELECT * FROM app.${table} WHERE id = $1 FOR UPDATE`, [
    id,
  ])) as unknown[];
  return rows[0];
}

async function history(
  tx: EntityManager,
  kind: 'organisation' | 'person',
  id: string,
  action: HistoryEntry['action'],
  actor: Actor,
  before: unknown,
  after: unknown,
): Promise<void> {
  await tx.query(
    `INSERT INTO app.partner_directory_history (record_kind, record_id, action, changed_by, before, after)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [kind, id, action, actor.userId, before ? JSON.stringify(before) : null, JSON.stringify(after)],
  );
}

function peopleWhere(filter: PeopleFilter): { where: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.split('?').join(`$${values.length}`));
  };
  if (filter.q) add(`(p.name ILIKE ? OR p.job_title ILIKE ?)`, `%${escapeLike(filter.q)}%`);
  if (filter.tag) add(`? = ANY(p.tags)`, filter.tag);
  if (filter.anyTags) add(`p.tags && ?::text[]`, [...filter.anyTags]);
  if (filter.governorate) add(`? = ANY(p.governorates)`, filter.governorate);
  if (filter.organisationKind) add(`o.kind = ?`, filter.organisationKind);
  if (filter.organisationId) add(`p.organisation_id = ?`, filter.organisationId);
  if (filter.availableNow) conditions.push('p.available');
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', values };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toPerson(row: PersonRow): PartnerPerson {
  return {
    id: row.id,
    name: row.name,
    organisationId: row.organisation_id,
    jobTitle: row.job_title,
    tags: row.tags as PartnerPerson['tags'],
    governorates: row.governorates,
    languages: row.languages as PartnerPerson['languages'],
    available: row.available,
    userId: row.user_id,
    contacts: row.contacts,
  };
}

function toOrganisation(row: OrganisationRow): PartnerOrganisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    governorates: row.governorates,
    services: row.services as PartnerOrganisation['services'],
    surgeCapacity: row.surge_capacity,
    facilityIds: row.facility_ids,
    website: row.website,
  };
}
