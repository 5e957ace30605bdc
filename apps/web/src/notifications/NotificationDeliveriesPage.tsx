import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { formatDateTime, formatList } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { BADGE } from '../shared/colours';
import { PagedList } from '../shared/PagedList';

type Kind = components['schemas']['WebhookView']['kinds'][number];
const KINDS: Kind[] = [
  'supply-critical',
  'plan-awaiting-approval',
  'plan-approved',
  'lot-recall',
  'scan-conflict',
  'help-request',
];

/** Admins: deliveries that used every attempt (with "retry now"), and the webhook subscriptions. */
export function NotificationDeliveriesPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const dead = useQuery({
    queryKey: ['notifications', 'dead-letters'],
    queryFn: () =>
      ok(
        api.GET('/api/v1/admin/notifications/dead-letters', {
          params: { query: { pageSize: 100 } },
        }),
      ),
  });
  const retry = useMutation({
    mutationFn: (id: string) =>
      ok(
        api.POST('/api/v1/admin/notifications/dead-letters/{id}/retry', {
          params: { path: { id } },
        }),
      ),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: ['notifications', 'dead-letters'] }),
  });
  return (
    <Stack>
      <Title order={2}>{t('notifications.deliveries.title')}</Title>
      <Title order={3} size="h4">
        {t('notifications.deliveries.deadLetters')}
      </Title>
      <PagedList
        query={dead}
        headers={[
          t('notifications.when'),
          t('notifications.deliveries.channel'),
          t('notifications.what'),
          t('notifications.deliveries.recipient'),
          t('notifications.deliveries.attempts'),
          t('notifications.deliveries.lastError'),
        ]}
        withActions
        empty={t('notifications.deliveries.noneDead')}
        emptyTestId="no-dead-letters"
        testId="dead-letters"
      >
        {(item) => (
          <Table.Tr key={item.id} data-testid="dead-letter">
            <Table.Td>
              {item.lastAttemptAt ? formatDateTime(language, item.lastAttemptAt) : ''}
            </Table.Td>
            <Table.Td>{item.channel}</Table.Td>
            <Table.Td>{item.title}</Table.Td>
            <Table.Td>
              <Code>{item.recipient}</Code>
            </Table.Td>
            <Table.Td>{item.attempts}</Table.Td>
            <Table.Td>{item.lastError}</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                onClick={() => retry.mutate(item.id)}
                loading={retry.isPending && retry.variables === item.id}
              >
                {t('notifications.deliveries.retry')}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </PagedList>
      <Webhooks />
    </Stack>
  );
}

function Webhooks() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const webhooks = useQuery({
    queryKey: ['notifications', 'webhooks'],
    queryFn: () => ok(api.GET('/api/v1/admin/notifications/webhooks')),
    // removed ones stay in the api's list, inactive
    select: (list) => list.filter((w) => w.active),
  });
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: ['notifications', 'webhooks'] });
  const add = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/admin/notifications/webhooks', { body: { url, kinds, description } })),
    onSuccess: (created) => {
      setSecret(created.secret);
      setUrl('');
      setDescription('');
      setKinds([]);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      ok(api.DELETE('/api/v1/admin/notifications/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('notifications.deliveries.webhooks')}
      </Title>
      <PagedList
        query={webhooks}
        headers={[
          t('notifications.deliveries.url'),
          t('notifications.deliveries.kinds'),
          t('notifications.deliveries.description'),
        ]}
        withActions
        empty={t('notifications.deliveries.noWebhooks')}
        testId="webhooks"
        striped={false}
      >
        {(w) => (
          <Table.Tr key={w.id}>
            <Table.Td>
              <Code>{w.url}</Code>
            </Table.Td>
            <Table.Td>
              {w.kinds.length === 0
                ? t('notifications.all')
                : formatList(
                    language,
                    w.kinds.map((k) => t(`notifications.kind.${k}`)),
                  )}
            </Table.Td>
            <Table.Td>{w.description}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="default" onClick={() => remove.mutate(w.id)}>
                {t('notifications.deliveries.remove')}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </PagedList>
      {secret ? (
        <Alert color="blue" data-testid="webhook-secret">
          {t('notifications.deliveries.secret', { secret })}
        </Alert>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <Stack gap="xs" maw={640}>
          <TextInput
            label={t('notifications.deliveries.url')}
            name="url"
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <TextInput
            label={t('notifications.deliveries.description')}
            name="description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Checkbox.Group
            label={t('notifications.deliveries.kinds')}
            value={kinds}
            onChange={(value) => setKinds(value as Kind[])}
          >
            <Group gap="sm" mt={4}>
              {KINDS.map((kind) => (
                <Checkbox key={kind} value={kind} label={t(`notifications.kind.${kind}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('notifications.deliveries.add')}
            </Button>
            {add.isError ? (
              <Text role="alert" c={BADGE.bad}>
                {add.error.message}
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
