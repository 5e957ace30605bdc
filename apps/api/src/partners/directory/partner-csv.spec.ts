import { formatPeopleCsv, parseCsv, parsePeopleCsv, PEOPLE_CSV_COLUMNS } from './partner-csv';

const header = 'id,name,organisationId,tags,governorates,languages,available,phone,phoneShareWith';
const orgs = new Set(['who-iraq']);

describe('people CSV', () => {
  it('reads quoted fields with commas, quotes and new lines', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\nd,e,f\n')).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['d', 'e', 'f'],
    ]);
  });

  it('reads valid rows into people, contacts with their consent', () => {
    const parsed = parsePeopleCsv(
      `${header}\nali-hassan,Ali Hassan,who-iraq,psa-plant;electrical,Basra;Maysan,ar;en,yes,+964 770 000 0001,dispatcher;partner\n`,
      orgs,
    );
    expect(parsed).toEqual({
      ok: true,
      people: [
        {
          id: 'ali-hassan',
          name: 'Ali Hassan',
          organisationId: 'who-iraq',
          jobTitle: '',
          tags: ['psa-plant', 'electrical'],
          governorates: ['Basra', 'Maysan'],
          languages: ['ar', 'en'],
          available: true,
          userId: null,
          contacts: [
            { channel: 'phone', value: '+964 770 000 0001', shareWith: ['dispatcher', 'partner'] },
          ],
        },
      ],
    });
  });

  it('names every bad line, field and rule, and returns no one', () => {
    const parsed = parsePeopleCsv(
      [
        header,
        'ok-person,Ok,,psa-plant,Basra,ar,true,,',
        'bad-tags,Bad,,welding,Basra,ar,true,,',
        'bad-gov,Bad,,psa-plant,Atlantis,ar,maybe,,',
        'ok-person,Again,nowhere-org,psa-plant,Basra,ar,true,12,nobody',
      ].join('\n'),
      orgs,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, id: 'bad-tags', field: 'tags' }),
        expect.objectContaining({ line: 4, id: 'bad-gov', field: 'governorates' }),
        expect.objectContaining({ line: 4, id: 'bad-gov', field: 'available' }),
        expect.objectContaining({ line: 5, field: 'phone', rule: 'must be a phone number' }),
        expect.objectContaining({ line: 5, field: 'phoneShareWith' }),
        expect.objectContaining({ line: 5, field: 'organisationId' }),
        expect.objectContaining({ line: 5, field: 'id', rule: 'appears again (first on line 2)' }),
      ]),
    );
    expect(parsed.errors.some((e) => e.line === 2)).toBe(false);
  });

  it('refuses unknown columns and a missing required column', () => {
    const parsed = parsePeopleCsv('id,name,tags,shoeSize\nx,y,psa-plant,42\n', orgs);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.field).sort()).toEqual(['governorates', 'shoeSize']);
  });

  it('writes what it reads back (round trip) and defuses spreadsheet formulas', () => {
    const csv = formatPeopleCsv([
      {
        id: 'sara',
        name: '=HYPERLINK("x")',
        organisationId: null,
        jobTitle: 'Engineer, biomedical',
        tags: ['biomedical'],
        governorates: ['Erbil'],
        languages: ['ckb', 'en'],
        available: false,
        userId: null,
        contacts: [{ channel: 'email', value: 'sara@example.org', shareWith: ['partner'] }],
      },
    ]);
    expect(csv.split('\r\n')[0]).toBe(PEOPLE_CSV_COLUMNS.join(','));
    const parsed = parsePeopleCsv(csv, orgs);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.people[0]).toMatchObject({
      name: `'=HYPERLINK("x")`,
      jobTitle: 'Engineer, biomedical',
      available: false,
      contacts: [{ channel: 'email', value: 'sara@example.org', shareWith: ['partner'] }],
    });
  });
});
