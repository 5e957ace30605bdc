import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type {
  HelpRequestCategory,
  HelpRequestUrgency,
  OpenHelpRequestState,
} from '@oxyledger/domain';
import type { Actor } from '../access/actor';
import { commandContext } from '../ledger/command-context';
import { PartnerDirectoryService } from '../partners/directory/partner-directory.service';
import {
  ChangeHelpRequestCommand,
  type HelpRequestChange,
} from '../partners/help-requests/commands/change-help-request/change-help-request.command';
import { OpenHelpRequestCommand } from '../partners/help-requests/commands/open-help-request/open-help-request.command';
import { DEMO_ORGANISATIONS, DEMO_PARTNER_PERSON_ID, DEMO_PEOPLE } from './demo-partners';

const HOUR_MS = 3_600_000;

type Who = 'producer' | 'hospital' | 'dispatcher' | 'admin' | 'partner';

interface DemoRequest {
  openedBy: Who;
  daysAgo: number;
  category: HelpRequestCategory;
  urgency: HelpRequestUrgency;
  facilityId: string;
  title: string;
  description: string;
  /** Later steps, each `hours` after the previous one. */
  steps: { by: Who; hours: number; change: HelpRequestChange }[];
}

const person = (id: string) => ({ kind: 'person' as const, id });
const organisation = (id: string) => ({ kind: 'organisation' as const, id });
const triage = (urgency: HelpRequestUrgency): HelpRequestChange => ({
  type: 'TriageHelpRequest',
  data: { urgency },
});
const assign = (assignee: { kind: 'person' | 'organisation'; id: string }): HelpRequestChange => ({
  type: 'AssignHelpRequest',
  data: { assignee },
});
const start: HelpRequestChange = { type: 'StartHelpRequest', data: {} };
const resolve = (resolution: string): HelpRequestChange => ({
  type: 'ResolveHelpRequest',
  data: { resolution },
});
const close: HelpRequestChange = { type: 'CloseHelpRequest', data: {} };
const comment = (note: string): HelpRequestChange => ({
  type: 'CommentOnHelpRequest',
  data: { note },
});

/** A few requests in every state, across the demo's plants and hospitals. */
const DEMO_REQUESTS: DemoRequest[] = [
  {
    openedBy: 'hospital',
    daysAgo: 0.2,
    category: 'urgent-supply',
    urgency: 'high',
    facilityId: 'baghdad-medical-city',
    title: 'ICU surge: 12 J cylinders needed tonight',
    description:
      'Nine new severe patients on high-flow oxygen since noon; stock will not last the night.',
    steps: [],
  },
  {
    openedBy: 'dispatcher',
    daysAgo: 1,
    category: 'equipment',
    urgency: 'normal',
    facilityId: 'kirkuk-general',
    title: 'Two concentrators below 85 % purity',
    description: 'Ward 3 reports two 10 L/min concentrators alarming on low purity.',
    steps: [],
  },
  {
    openedBy: 'dispatcher',
    daysAgo: 2,
    category: 'maintenance',
    urgency: 'normal',
    facilityId: 'mosul-psa-1',
    title: 'Zeolite sieve beds due for replacement',
    description: 'Purity drifting from 94 % to 91 % over three weeks; beds are 6 years old.',
    steps: [{ by: 'dispatcher', hours: 3, change: triage('high') }],
  },
  {
    openedBy: 'dispatcher',
    daysAgo: 3,
    category: 'maintenance',
    urgency: 'normal',
    facilityId: 'basra-asu-1',
    title: 'Annual service of the booster compressor',
    description: 'Service due this month; the plant can run at half output for one day.',
    steps: [
      { by: 'dispatcher', hours: 2, change: triage('normal') },
      { by: 'dispatcher', hours: 5, change: assign(organisation('southern-psa-services')) },
    ],
  },
  {
    openedBy: 'dispatcher',
    daysAgo: 1.5,
    category: 'plant-breakdown',
    urgency: 'high',
    facilityId: 'najaf-private-1',
    title: 'One compressor down, plant at 60 %',
    description: 'Compressor 2 tripped on high temperature; the other carries the plant at 60 %.',
    steps: [
      { by: 'dispatcher', hours: 1, change: triage('critical') },
      { by: 'dispatcher', hours: 1, change: assign(person('haider-salman')) },
      { by: 'dispatcher', hours: 4, change: start },
      {
        by: 'dispatcher',
        hours: 6,
        change: comment('Cooling fan motor burnt out; replacement coming from Baghdad.'),
      },
    ],
  },
  {
    openedBy: 'dispatcher',
    daysAgo: 6,
    category: 'training',
    urgency: 'low',
    facilityId: 'erbil-teaching',
    title: 'Pulse oximetry and oxygen titration training for new nurses',
    description: 'Twelve new ward nurses; a half-day session in Kurdish.',
    steps: [
      { by: 'dispatcher', hours: 20, change: assign(person('dr-kani-ahmed')) },
      { by: 'dispatcher', hours: 48, change: start },
      {
        by: 'dispatcher',
        hours: 30,
        change: resolve('Session held for 14 nurses; slides shared.'),
      },
    ],
  },
  {
    openedBy: 'producer',
    daysAgo: 9,
    category: 'maintenance',
    urgency: 'normal',
    facilityId: 'baghdad-psa-1',
    title: 'Oxygen analyser calibration',
    description: 'The purity analyser reads 1.5 points above the handheld reference.',
    steps: [
      { by: 'dispatcher', hours: 2, change: triage('normal') },
      { by: 'dispatcher', hours: 3, change: assign(person(DEMO_PARTNER_PERSON_ID)) },
      { by: 'partner', hours: 20, change: start },
      {
        by: 'partner',
        hours: 4,
        change: resolve('Analyser recalibrated with certified 99.5 % gas.'),
      },
      { by: 'producer', hours: 2, change: close },
    ],
  },
  {
    openedBy: 'dispatcher',
    daysAgo: 12,
    category: 'equipment',
    urgency: 'high',
    facilityId: 'sulaymaniyah-general',
    title: 'Manifold regulator leaking',
    description: 'Left bank regulator of the main manifold leaks at the seat.',
    steps: [
      { by: 'dispatcher', hours: 1, change: assign(person('shilan-rashid')) },
      { by: 'dispatcher', hours: 6, change: resolve('Regulator replaced; leak test passed.') },
      { by: 'dispatcher', hours: 24, change: close },
    ],
  },
  {
    openedBy: 'dispatcher',
    daysAgo: 8,
    category: 'equipment',
    urgency: 'normal',
    facilityId: 'karbala-al-hussein',
    title: 'Pipeline pressure alarm on ward 5',
    description: 'Low-pressure alarm triggers several times a day.',
    steps: [
      { by: 'dispatcher', hours: 4, change: assign(person('mustafa-jabbar')) },
      { by: 'dispatcher', hours: 30, change: resolve('Alarm threshold reset.') },
      {
        by: 'dispatcher',
        hours: 50,
        change: {
          type: 'ReopenHelpRequest',
          data: { reason: 'Alarm back; pressure really drops at peak use.' },
        },
      },
    ],
  },
];

/**
 * Seeds the partner directory and a few help requests in every state, through the same service
 * and commands the api uses; the `partner` login is the expert Ali Hassan.
 */
@Injectable()
export class DemoPartnersSeed {
  constructor(
    private readonly directory: PartnerDirectoryService,
    private readonly commands: CommandBus,
  ) {}

  async seed(accounts: ReadonlyMap<string, Actor>, now: number): Promise<number> {
    const admin = accounts.get('admin')!;
    for (const organisation of DEMO_ORGANISATIONS)
      await this.directory.saveOrganisation(organisation, admin);
    for (const person of DEMO_PEOPLE) {
      const userId =
        person.id === DEMO_PARTNER_PERSON_ID ? accounts.get('partner')?.userId : undefined;
      await this.directory.savePerson({ ...person, userId: userId ?? null }, admin);
    }
    for (const request of DEMO_REQUESTS) {
      let at = now - request.daysAgo * 24 * HOUR_MS;
      const context = (who: Who) =>
        commandContext(accounts.get(who)!, { occurredAt: new Date(at).toISOString() });
      const opened = (await this.commands.execute(
        new OpenHelpRequestCommand(
          {
            category: request.category,
            urgency: request.urgency,
            facilityId: request.facilityId,
            title: request.title,
            description: request.description,
          },
          context(request.openedBy),
        ),
      )) as OpenHelpRequestState;
      for (const step of request.steps) {
        at = Math.min(at + step.hours * HOUR_MS, now);
        await this.commands.execute(
          new ChangeHelpRequestCommand(opened.requestId, step.change, context(step.by)),
        );
      }
    }
    return DEMO_REQUESTS.length;
  }
}
