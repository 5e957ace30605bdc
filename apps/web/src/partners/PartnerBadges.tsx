import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BADGE } from '../shared/colours';
import type { HelpState, HelpUrgency, PersonView } from './partner-views';

export const URGENCY_COLOURS: Record<HelpUrgency, string> = {
  critical: BADGE.bad,
  high: BADGE.warning,
  normal: BADGE.info,
  low: BADGE.neutral,
};

export const STATE_COLOURS: Record<HelpState, string> = {
  opened: BADGE.bad,
  reopened: BADGE.bad,
  triaged: BADGE.warning,
  assigned: BADGE.info,
  'in-progress': BADGE.info,
  resolved: BADGE.good,
  closed: BADGE.neutral,
};

export function Tags({ tags }: { tags: string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag} variant="outline" color="dark" size="sm" tt="none">
          {t(`partners.tag.${tag}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function Availability({ available }: { available: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={available ? BADGE.good : BADGE.neutral}>
      {available ? t('partners.available') : t('partners.unavailable')}
    </Badge>
  );
}

/** The channels the api let through; the rest said as a count, never shown. */
export function Contacts({ person }: { person: PersonView }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`contacts-${person.id}`}>
      {person.contacts.map((contact) => (
        <Text key={contact.channel} size="sm">
          {t(`partners.channel.${contact.channel}`)}:{' '}
          {contact.channel === 'email' ? (
            <a href={`mailto:${contact.value}`}>{contact.value}</a>
          ) : (
            <span dir="ltr">{contact.value}</span>
          )}
        </Text>
      ))}
      {person.hiddenContacts > 0 && (
        <Text size="xs" c="dimmed">
          {t('partners.hiddenContacts', { count: person.hiddenContacts })}
        </Text>
      )}
    </div>
  );
}
