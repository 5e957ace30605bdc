import type { Role } from '../../access/actor';
import { personIssues } from './partner-records';
import {
  CONTACT_CHANNELS,
  type ContactChannelEntry,
  type ExpertiseTag,
  type PartnerLanguage,
  type PartnerPerson,
} from './partner-directory.types';

/**
 * The people list as clusters keep it in spreadsheets: one row per person, lists separated by
 * `;`, each contact channel in its own column with the roles it may be shown to beside it.
 */
export const PEOPLE_CSV_COLUMNS = [
  'id',
  'name',
  'organisationId',
  'jobTitle',
  'tags',
  'governorates',
  'languages',
  'available',
  'userId',
  ...CONTACT_CHANNELS.flatMap((channel) => [channel, `${channel}ShareWith`]),
] as const;

export interface CsvRowError {
  /** The line of the file (the header is line 1). */
  line: number;
  id?: string;
  field: string;
  rule: string;
}

export type ParsedPeople =
  { ok: true; people: PartnerPerson[] } | { ok: false; errors: CsvRowError[] };

/** RFC 4180: comma-separated, fields in double quotes may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/**
 * Reads the people CSV and checks every row (the record rules, ids once in the file, known
 * organisations); nothing is returned unless every row is valid.
 */
export function parsePeopleCsv(
  text: string,
  knownOrganisations: ReadonlySet<string>,
): ParsedPeople {
  const [header, ...rows] = parseCsv(text);
  if (!header)
    return { ok: false, errors: [{ line: 1, field: 'header', rule: 'the file is empty' }] };
  const columns = header.map((name) => name.trim());
  const unknown = columns.filter(
    (name) => !(PEOPLE_CSV_COLUMNS as readonly string[]).includes(name),
  );
  const missing = ['id', 'name', 'tags', 'governorates'].filter((name) => !columns.includes(name));
  if (unknown.length || missing.length) {
    return {
      ok: false,
      errors: [
        ...unknown.map((name) => ({
          line: 1,
          field: name,
          rule: `is not a column; columns are ${PEOPLE_CSV_COLUMNS.join(', ')}`,
        })),
        ...missing.map((name) => ({ line: 1, field: name, rule: 'column is required' })),
      ],
    };
  }
  if (rows.length === 0)
    return { ok: false, errors: [{ line: 2, field: 'rows', rule: 'no people in the file' }] };
  const errors: CsvRowError[] = [];
  const people: PartnerPerson[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, k) => {
    const line = k + 2;
    const cell = (name: string) => (cells[columns.indexOf(name)] ?? '').trim();
    const listOf = (name: string) =>
      cell(name)
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    if (cells.length > columns.length) {
      errors.push({
        line,
        field: 'row',
        rule: `has ${cells.length} cells for ${columns.length} columns`,
      });
      return;
    }
    const available = cell('available').toLowerCase();
    const contacts: ContactChannelEntry[] = CONTACT_CHANNELS.filter((channel) => cell(channel)).map(
      (channel) => ({
        channel,
        value: cell(channel),
        shareWith: listOf(`${channel}ShareWith`) as Role[],
      }),
    );
    const person = {
      id: cell('id'),
      name: cell('name'),
      organisationId: cell('organisationId') || null,
      jobTitle: cell('jobTitle'),
      tags: listOf('tags') as ExpertiseTag[],
      governorates: listOf('governorates'),
      languages: listOf('languages') as PartnerLanguage[],
      available:
        available === '' || available === 'true' || available === 'yes'
          ? true
          : available === 'false' || available === 'no'
            ? false
            : (available as unknown as boolean),
      userId: cell('userId') || null,
      contacts,
    };
    const id = person.id || undefined;
    for (const issue of personIssues(person)) {
      // contacts[k] names the k-th filled channel: say which column instead
      const field = issue.field.replace(
        /^contacts\[(\d+)\]\.(value|shareWith|channel)$/,
        (_m, n: string, part: string) =>
          part === 'shareWith'
            ? `${contacts[Number(n)].channel}ShareWith`
            : contacts[Number(n)].channel,
      );
      errors.push({ line, id, field, rule: issue.rule });
    }
    if (person.organisationId && !knownOrganisations.has(person.organisationId))
      errors.push({
        line,
        id,
        field: 'organisationId',
        rule: `names no organisation in the directory (${person.organisationId})`,
      });
    if (id && seen.has(id))
      errors.push({ line, id, field: 'id', rule: `appears again (first on line ${seen.get(id)})` });
    if (id && !seen.has(id)) seen.set(id, line);
    people.push(person);
  });
  return errors.length ? { ok: false, errors } : { ok: true, people };
}

/** People as CSV, each with only the contacts the reader may see (already filtered). */
export function formatPeopleCsv(
  people: readonly (Omit<PartnerPerson, 'contacts'> & {
    contacts: { channel: string; value: string; shareWith?: Role[] }[];
  })[],
): string {
  const lines = [PEOPLE_CSV_COLUMNS.join(',')];
  for (const person of people) {
    const byChannel = new Map(person.contacts.map((c) => [c.channel, c]));
    const cells: string[] = [
      person.id,
      person.name,
      person.organisationId ?? '',
      person.jobTitle,
      person.tags.join(';'),
      person.governorates.join(';'),
      person.languages.join(';'),
      String(person.available),
      person.userId ?? '',
      ...CONTACT_CHANNELS.flatMap((channel) => [
        byChannel.get(channel)?.value ?? '',
        (byChannel.get(channel)?.shareWith ?? []).join(';'),
      ]),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  // a leading = + - @ would run as a formula when the file is opened in a spreadsheet
  const safe = /^[=+\-@]/.test(value) && !/^\+?[0-9 ()-]+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
