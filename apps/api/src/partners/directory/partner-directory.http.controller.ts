import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, ForbiddenActionError, Roles } from '../../access';
import type { Actor, Role } from '../../access/actor';
import { NetworkService } from '@oxyledger/network';
import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
import { GOVERNORATES } from '@oxyledger/network';
import { personView, visibleContactEntries } from './contact-visibility';
import { rankExperts, rankOrganisations, TAGS_FOR_CATEGORY } from './expert-matching';
import { formatPeopleCsv, parsePeopleCsv } from './partner-csv';
import {
  AvailabilityDto,
  ExpertsQuery,
  OrganisationDto,
  OrganisationsQuery,
  PeopleCsvDto,
  PeopleQuery,
  PersonDto,
} from './partner-directory.dto';
import {
  InvalidPartnerRecord,
  PartnerCsvRefused,
  PartnerNotFound,
} from './partner-directory.errors';
import { PartnerDirectoryService } from './partner-directory.service';
import {
  CONTACT_CHANNELS,
  EXPERTISE_TAGS,
  ORGANISATION_KINDS,
  PARTNER_LANGUAGES,
  type PartnerOrganisation,
  type PartnerPerson,
} from './partner-directory.types';
import { organisationIssues, personIssues } from './partner-records';

/** Every role reads the directory, partners included. */
export const DIRECTORY_READERS: [Role, ...Role[]] = [
  'producer',
  'driver',
  'hospital',
  'dispatcher',
  'analyst',
  'admin',
  'partner',
];

/**
 * The partner directory: organisations and people who keep oxygen flowing, searchable by skill,
 * governorate and organisation kind. Contacts leave only through `personView` (consent-scoped).
 */
@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
@Roles(...DIRECTORY_READERS)
export class PartnerDirectoryHttpController {
  constructor(
    private readonly directory: PartnerDirectoryService,
    private readonly network: NetworkService,
  ) {}

  @Get('vocabulary')
  @ApiOkResponse({ description: 'Organisation kinds, expertise tags, languages, channels.' })
  vocabulary() {
    return {
      organisationKinds: ORGANISATION_KINDS,
      expertiseTags: EXPERTISE_TAGS,
      languages: PARTNER_LANGUAGES,
      contactChannels: CONTACT_CHANNELS,
      governorates: GOVERNORATES,
    };
  }

  @Get('people')
  @ApiOkResponse({ description: 'People matching the filters, by name; contacts by consent.' })
  async people(@Query() query: PeopleQuery, @CurrentActor() actor: Actor) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { items, total } = await this.directory.listPeople(
      {
        q: query.q,
        tag: query.tag,
        governorate: query.governorate,
        organisationKind: query.organisationKind,
        organisationId: query.organisationId,
        availableNow: query.available,
      },
      { page, pageSize },
    );
    return { items: items.map((person) => personView(person, actor)), page, pageSize, total };
  }

  @Get('people/export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="partner-people.csv"')
  @ApiOkResponse({ description: 'Everyone, as CSV, with the contacts the reader may see.' })
  async exportPeople(@CurrentActor() actor: Actor): Promise<string> {
    const people: PartnerPerson[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.directory.listPeople({}, { page, pageSize: 500 });
      people.push(...batch.items);
      if (page * 500 >= batch.total) break;
    }
    return formatPeopleCsv(
      people.map((person) => ({ ...person, contacts: visibleContactEntries(person, actor) })),
    );
  }

  @Post('people/import')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ description: 'How many people were created and updated.' })
  @ApiUnprocessableEntityResponse({ description: 'Nothing written; every bad line is named.' })
  async importPeople(@Body() body: PeopleCsvDto, @CurrentActor() actor: Actor) {
    const parsed = parsePeopleCsv(body.csv, await this.directory.organisationIds());
    if (!parsed.ok) throw new PartnerCsvRefused(parsed.errors);
    const unknownUsers = [];
    for (const [k, person] of parsed.people.entries()) {
      if (person.userId && !(await this.directory.userExists(person.userId)))
        unknownUsers.push({
          line: k + 2,
          id: person.id,
          field: 'userId',
          rule: 'names no platform user',
        });
    }
    if (unknownUsers.length) throw new PartnerCsvRefused(unknownUsers);
    return this.directory.importPeople(parsed.people, actor);
  }

  @Get('people/:id')
  @ApiNotFoundResponse({ description: 'No such person.' })
  async person(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const person = await this.directory.findPerson(id);
    if (!person) throw new PartnerNotFound('person', id);
    const organisation = person.organisationId
      ? await this.directory.findOrganisation(person.organisationId)
      : undefined;
    return { ...personView(person, actor), organisation: organisation ?? null };
  }

  @Put('people/:id')
  @Roles('admin')
  @ApiUnprocessableEntityResponse({ description: 'Each broken field with its rule.' })
  async savePerson(@Param('id') id: string, @Body() body: PersonDto, @CurrentActor() actor: Actor) {
    const stored = await this.directory.findPerson(id);
    const person: PartnerPerson = {
      id,
      name: body.name,
      organisationId: body.organisationId ?? null,
      jobTitle: body.jobTitle ?? '',
      tags: body.tags,
      governorates: body.governorates,
      languages: body.languages,
      available: body.available,
      userId: body.userId ?? null,
      contacts: body.contacts ?? stored?.contacts ?? [],
    };
    const issues = personIssues(person);
    if (person.organisationId && !(await this.directory.findOrganisation(person.organisationId)))
      issues.push({ field: 'organisationId', rule: 'must name an organisation in the directory' });
    if (person.userId && !(await this.directory.userExists(person.userId)))
      issues.push({ field: 'userId', rule: 'must name a platform user' });
    if (issues.length) throw new InvalidPartnerRecord('person', issues);
    await this.directory.savePerson(person, actor);
    return personView(person, actor);
  }

  /** A person says whether they can take work now: themselves, or an admin for them. */
  @Put('people/:id/availability')
  async setAvailability(
    @Param('id') id: string,
    @Body() body: AvailabilityDto,
    @CurrentActor() actor: Actor,
  ) {
    const person = await this.directory.findPerson(id);
    if (!person) throw new PartnerNotFound('person', id);
    if (actor.role !== 'admin' && person.userId !== actor.userId)
      throw new ForbiddenActionError(
        'access.role-required',
        'Only the person themselves or an admin may change their availability',
      );
    const changed = { ...person, available: body.available };
    await this.directory.savePerson(changed, actor);
    return personView(changed, actor);
  }

  @Get('people/:id/history')
  @Roles('admin')
  personHistory(@Param('id') id: string) {
    return this.directory.history('person', id);
  }

  @Get('organisations')
  organisations(@Query() query: OrganisationsQuery) {
    return this.directory.listOrganisations(query);
  }

  @Get('organisations/:id')
  @ApiNotFoundResponse({ description: 'No such organisation.' })
  async organisation(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const organisation = await this.directory.findOrganisation(id);
    if (!organisation) throw new PartnerNotFound('organisation', id);
    const { items } = await this.directory.listPeople(
      { organisationId: id },
      { page: 1, pageSize: 200 },
    );
    const facilities = await Promise.all(
      organisation.facilityIds.map((facilityId) => this.network.findFacility(facilityId)),
    );
    return {
      ...organisation,
      facilities: facilities
        .filter((facility) => facility !== null)
        .map(({ id: facilityId, name, kind, governorate }) => ({
          id: facilityId,
          name,
          kind,
          governorate,
        })),
      people: items.map((person) => personView(person, actor)),
    };
  }

  @Put('organisations/:id')
  @Roles('admin')
  @ApiUnprocessableEntityResponse({ description: 'Each broken field with its rule.' })
  async saveOrganisation(
    @Param('id') id: string,
    @Body() body: OrganisationDto,
    @CurrentActor() actor: Actor,
  ) {
    const organisation: PartnerOrganisation = {
      id,
      name: body.name,
      kind: body.kind,
      governorates: body.governorates,
      services: body.services,
      surgeCapacity: body.surgeCapacity ?? '',
      facilityIds: body.facilityIds ?? [],
      website: body.website ?? null,
    };
    const issues = organisationIssues(organisation);
    for (const [k, facilityId] of organisation.facilityIds.entries()) {
      if (!(await this.network.findFacility(facilityId)))
        issues.push({ field: `facilityIds[${k}]`, rule: `names no facility (${facilityId})` });
    }
    if (issues.length) throw new InvalidPartnerRecord('organisation', issues);
    await this.directory.saveOrganisation(organisation, actor);
    return organisation;
  }

  @Get('organisations/:id/history')
  @Roles('admin')
  organisationHistory(@Param('id') id: string) {
    return this.directory.history('organisation', id);
  }

  /** "Who can fix plant X": people ranked by expertise and distance, and organisations. */
  @Get('experts')
  @ApiNotFoundResponse({ description: 'No facility has this id.' })
  async experts(@Query() query: ExpertsQuery, @CurrentActor() actor: Actor) {
    const facility = await this.network.getFacility(query.facilityId);
    const category = query.category ?? 'plant-breakdown';
    const needed = TAGS_FOR_CATEGORY[category];
    const [people, organisations] = await Promise.all([
      this.directory.peopleWithAnyTag(needed),
      this.directory.listOrganisations({ governorate: facility.governorate }),
    ]);
    const place = {
      governorate: facility.governorate,
      latitude: facility.latitude,
      longitude: facility.longitude,
    };
    return {
      facility: { id: facility.id, name: facility.name, governorate: facility.governorate },
      category,
      neededTags: needed,
      people: rankExperts(people, needed, place)
        .slice(0, 20)
        .map(({ person, ...rank }) => ({ ...rank, person: personView(person, actor) })),
      organisations: rankOrganisations(organisations, needed, facility.governorate).slice(0, 10),
    };
  }
}
