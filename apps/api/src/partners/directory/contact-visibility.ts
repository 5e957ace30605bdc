import type { Actor } from '../../access/actor';
import type { ContactChannelEntry, PartnerPerson } from './partner-directory.types';

/** A person as an actor may see them: contacts only with consent, to the roles they allowed. */
export interface PersonView extends Omit<PartnerPerson, 'contacts'> {
  contacts: { channel: ContactChannelEntry['channel']; value: string }[];
  /** How many channels the person keeps that this reader may not see. */
  hiddenContacts: number;
}

/**
 * The one place contacts leave the api: every person in every answer (list, page, suggestions,
 * CSV export) goes through it. A person sees all their own channels; anyone else, admins
 * included, only those whose `shareWith` names their role. `shareWith` itself never leaves.
 */
export function visibleContacts(
  person: Pick<PartnerPerson, 'userId' | 'contacts'>,
  reader: Pick<Actor, 'userId' | 'role'>,
): { channel: ContactChannelEntry['channel']; value: string }[] {
  return visibleContactEntries(person, reader).map(({ channel, value }) => ({ channel, value }));
}

/** The same channels with their consent (for the CSV export, which must round-trip). */
export function visibleContactEntries(
  person: Pick<PartnerPerson, 'userId' | 'contacts'>,
  reader: Pick<Actor, 'userId' | 'role'>,
): ContactChannelEntry[] {
  const self = person.userId !== null && person.userId === reader.userId;
  return person.contacts.filter((contact) => self || contact.shareWith.includes(reader.role));
}

export function personView(
  person: PartnerPerson,
  reader: Pick<Actor, 'userId' | 'role'>,
): PersonView {
  const contacts = visibleContacts(person, reader);
  return { ...person, contacts, hiddenContacts: person.contacts.length - contacts.length };
}
