import { ROLES, type Role } from '../../access/actor';
import { personView, visibleContactEntries } from './contact-visibility';
import type { PartnerPerson } from './partner-directory.types';

const person: PartnerPerson = {
  id: 'ali-hassan',
  name: 'Ali Hassan',
  organisationId: null,
  jobTitle: 'PSA technician',
  tags: ['psa-plant'],
  governorates: ['Basra'],
  languages: ['ar'],
  available: true,
  userId: 'u-ali',
  contacts: [
    { channel: 'phone', value: '+964 770 000 0001', shareWith: ['dispatcher', 'admin'] },
    {
      channel: 'email',
      value: 'ali@example.org',
      shareWith: ['dispatcher', 'partner', 'hospital'],
    },
    { channel: 'whatsapp', value: '+964 770 000 0002', shareWith: [] },
  ],
};

/** What each role may see, written out by hand from the consent above (not computed). */
const EXPECTED: Record<Role, string[]> = {
  producer: [],
  driver: [],
  hospital: ['ali@example.org'],
  dispatcher: ['+964 770 000 0001', 'ali@example.org'],
  analyst: [],
  admin: ['+964 770 000 0001'],
  partner: ['ali@example.org'],
};

describe('consent-scoped contacts', () => {
  it('has an expectation for every role there is', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES.map((role) => [role]))(
    'shows role %s only the channels the person shared with it',
    (role) => {
      const view = personView(person, { userId: `someone-else-${role}`, role });
      expect(view.contacts.map((c) => c.value)).toEqual(EXPECTED[role]);
      expect(view.hiddenContacts).toBe(3 - EXPECTED[role].length);
      // nothing else in the answer carries a hidden value or the consent list
      const text = JSON.stringify(view);
      for (const contact of person.contacts) {
        if (!EXPECTED[role].includes(contact.value)) expect(text).not.toContain(contact.value);
      }
      expect(text).not.toContain('shareWith');
    },
  );

  it('shows a person all their own channels, whatever their role', () => {
    const view = personView(person, { userId: 'u-ali', role: 'partner' });
    expect(view.contacts).toHaveLength(3);
    expect(view.hiddenContacts).toBe(0);
  });

  it('treats a person without a platform user as nobody’s self', () => {
    const unlinked = { ...person, userId: null };
    expect(
      visibleContactEntries(unlinked, { userId: null as unknown as string, role: 'analyst' }),
    ).toEqual([]);
  });
});
