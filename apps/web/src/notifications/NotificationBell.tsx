import { Badge, Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { Link } from '../app/router';
import { BADGE } from '../shared/colours';

export const UNREAD_QUERY = ['notifications', 'unread-count'] as const;

/** The header's bell: the unread count, kept fresh by a poll and by every change to the inbox. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useQuery({
    queryKey: UNREAD_QUERY,
    queryFn: () => ok(api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: 15_000,
  });
  const count = unread.data?.unread ?? 0;
  return (
    <Button
      component={Link}
      to="/notifications"
      size="xs"
      variant="subtle"
      data-testid="notification-bell"
      data-unread={count}
      aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
      px={6}
    >
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count > 0 ? (
        <Badge size="sm" color={BADGE.bad} ms={4} data-testid="notification-badge">
          {count}
        </Badge>
      ) : null}
    </Button>
  );
}
