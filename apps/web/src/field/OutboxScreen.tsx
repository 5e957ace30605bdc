import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../auth/session';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import type { CommandStatus, QueuedCommand } from './outbox/field-db';
import { useCommands } from './outbox/sync-engine';
import { facilityName, useReference } from './reference/reference-data';

const COLOUR: Record<CommandStatus, string> = {
  pending: 'yellow.8',
  done: 'green.9',
  conflict: 'red.8',
  refused: 'red.8',
};

/** Every command made on this phone, newest first, with the api's answer. */
export function OutboxScreen({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const commands = [...(useCommands(user.id) ?? [])].reverse();
  const { reference } = useReference(user.id);
  return (
    <Stack gap="xs" data-testid="outbox">
      <Title order={2} size="h4">
        {t('field.outbox')}
      </Title>
      {commands.length === 0 ? <Text>{t('field.outboxEmpty')}</Text> : null}
      {commands.map((command) => (
        <OutboxItem
          key={command.key}
          command={command}
          name={(id) => facilityName(reference, id)}
        />
      ))}
    </Stack>
  );
}

function OutboxItem({
  command,
  name,
}: {
  command: QueuedCommand;
  name: (facilityId: string) => string;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="outbox-item"
      data-status={command.status}
      data-kind={command.subject.kind}
    >
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700}>{describeSubject(command, t, name)}</Text>
        <Badge color={COLOUR[command.status]} variant="filled" tt="none" style={{ flexShrink: 0 }}>
          {t(`field.status.${command.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {formatDateTime(language, command.madeAt)}
        {command.attempts > 0 ? ` · ${t('field.attempts', { count: command.attempts })}` : ''}
      </Text>
      {command.outcome && command.status !== 'done' ? (
        <Text size="sm" c={command.status === 'pending' ? 'dimmed' : 'red.8'} data-testid="outcome">
          {command.outcome.status ? `${command.outcome.status}: ` : ''}
          {command.outcome.message}
        </Text>
      ) : null}
    </Card>
  );
}

export function describeSubject(
  command: QueuedCommand,
  t: TFunction,
  name: (facilityId: string) => string,
): string {
  const subject = command.subject;
  switch (subject.kind) {
    case 'load':
      return t('field.subject.load', { count: subject.serials.length });
    case 'delivery':
      return t('field.subject.delivery', {
        facility: name(subject.facilityId),
        delivered: subject.delivered.length,
        collected: subject.collected.length,
      });
    case 'proof-image':
      return t(`field.subject.${subject.role}`, { facility: name(subject.facilityId) });
    case 'unload':
      return t('field.subject.unload', { count: subject.serials.length });
    case 'complete':
      return t('field.subject.complete');
    case 'receipt':
      return t('field.subject.receipt', {
        received: subject.received.length,
        missing: subject.missing.length,
      });
    case 'cylinder':
      return `${subject.serial}: ${t(`field.action.${subject.action}`)}`;
  }
}
