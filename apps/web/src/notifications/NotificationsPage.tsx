import {
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { SessionUser } from '../auth/session';
import { mayOpen } from '../app/navigation';
import { Link } from '../app/router';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { BADGE } from '../shared/colours';
import { PagedList } from '../shared/PagedList';
import { notificationText } from './notification-text';

/** The user's inbox: newest first, each traceable to its ledger event; mark read one or all. */
export function NotificationsPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<'unread' | 'all'>('all');
  const inbox = useQuery({
    queryKey: ['notifications', 'inbox', filter],
    queryFn: () =>
      ok(
        api.GET('/api/v1/notifications', {
          params: { query: { unread: filter === 'unread', pageSize: 50 } },
        }),
      ),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/notifications/read-all')),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('notifications.title')}</Title>
        <Group gap="sm">
          <Anchor component={Link} to="/notifications/settings" data-testid="settings-link">
            {t('notifications.settingsLink')}
          </Anchor>
          {user.role === 'admin' ? (
            <Anchor component={Link} to="/admin/notifications">
              {t('notifications.deliveriesLink')}
            </Anchor>
          ) : null}
        </Group>
      </Group>
      <Group>
        <SegmentedControl
          aria-label={t('notifications.unreadOnly')}
          value={filter}
          onChange={(value) => setFilter(value as 'unread' | 'all')}
          data={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unreadOnly') },
          ]}
        />
        <Button
          size="xs"
          variant="light"
          onClick={() => markAll.mutate()}
          loading={markAll.isPending}
          data-testid="mark-all-read"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <PagedList
        query={inbox}
        headers={[t('notifications.when'), t('notifications.what'), t('table.status')]}
        withActions
        empty={t('notifications.none')}
        emptyTestId="inbox-empty"
        testId="inbox"
      >
        {(item) => (
          <Table.Tr
            key={item.id}
            data-testid="inbox-item"
            data-kind={item.kind}
            data-read={item.readAt ? 'true' : 'false'}
            fw={item.readAt ? undefined : 600}
          >
            <Table.Td>{formatDateTime(language, item.createdAt)}</Table.Td>
            <Table.Td>
              <Stack gap={2}>
                <Group gap={6}>
                  {item.urgent ? (
                    <Badge color={BADGE.bad} size="sm">
                      {t('notifications.urgent')}
                    </Badge>
                  ) : null}
                  <Text size="xs" c="dimmed" fw={400}>
                    {t(`notifications.kind.${item.kind}`)}
                  </Text>
                </Group>
                <Text size="sm" fw="inherit">
                  {notificationText(t, item)}
                </Text>
              </Stack>
            </Table.Td>
            <Table.Td>
              {item.readAt ? null : <Badge color={BADGE.info}>{t('notifications.unread')}</Badge>}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                {mayOpen(user, item.link) ? (
                  <Anchor component={Link} to={item.link} size="sm">
                    {t('notifications.open')}
                  </Anchor>
                ) : null}
                {item.readAt ? null : (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => markRead.mutate(item.id)}
                    data-testid="mark-read"
                  >
                    {t('notifications.markRead')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </PagedList>
    </Stack>
  );
}
