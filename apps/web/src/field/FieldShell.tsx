import { Alert, AppShell, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type SessionUser, setSession } from '../auth/session';
import { Link, matchPath, useLocation } from '../app/router';
import { isLanguage, LANGUAGES } from '../i18n';
import { formatRecent } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import './i18n';
import { OutboxScreen } from './OutboxScreen';
import { DriverTrips } from './driver/DriverTrips';
import { StopScreen } from './driver/StopScreen';
import { TripScreen } from './driver/TripScreen';
import { rememberUser, useOthersWaiting } from './outbox/phone-users';
import { SyncEngine, useCommands, useLastSync, useSyncState } from './outbox/sync-engine';
import { refreshReference, useReference } from './reference/reference-data';
import { StoreScreen } from './store/StoreScreen';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * The phone app for drivers and storekeepers: works from what is kept on the phone, queues every
 * command, and syncs when it can. One column, big targets, thumb-reachable sync bar.
 */
export function FieldShell({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const { path } = useLocation();
  const engine = useMemo(() => new SyncEngine(user.id), [user.id]);
  const sync = useSyncState(engine);
  const commands = useCommands(user.id) ?? [];
  const lastSync = useLastSync(user.id);
  const { reference, savedAt } = useReference(user.id);
  const online = useOnline();
  const othersWaiting = useOthersWaiting(user.id);
  const [refreshProblem, setRefreshProblem] = useState<string>();

  const refresh = async () => {
    setRefreshProblem(undefined);
    await engine.syncNow();
    try {
      await refreshReference(user);
    } catch (error) {
      setRefreshProblem(error instanceof Error ? error.message : String(error));
    }
  };

  useEffect(() => {
    void navigator.storage?.persist?.();
    void rememberUser(user);
    const stop = engine.start();
    void refresh();
    const online = () => void refresh();
    window.addEventListener('online', online);
    return () => {
      stop();
      window.removeEventListener('online', online);
    };
  }, [engine]);

  const pending = commands.filter((command) => command.status === 'pending').length;
  const conflicts = commands.filter(
    (command) => command.status === 'conflict' || command.status === 'refused',
  ).length;

  return (
    <AppShell header={{ height: 52 }} footer={{ height: 64 }} padding="sm">
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Title order={1} size="h6" style={{ whiteSpace: 'nowrap' }}>
            <Link to="/field" style={{ color: 'inherit', textDecoration: 'none' }}>
              {t('field.title')}
            </Link>
          </Title>
          <Group gap={6} wrap="nowrap">
            <NativeSelect
              aria-label={t('nav.language')}
              w={92}
              size="xs"
              value={language}
              data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
              onChange={(event) => {
                if (isLanguage(event.currentTarget.value)) setLanguage(event.currentTarget.value);
              }}
            />
            <Button size="xs" variant="default" px={6} onClick={() => setSession(null)}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Stack gap="sm" pb="md">
          {savedAt ? (
            <Text size="xs" c="dimmed" data-testid="reference-saved">
              {t('field.referenceSaved', { at: formatRecent(language, savedAt) })}
            </Text>
          ) : null}
          {othersWaiting.map((queue) => (
            <Alert
              key={queue.userId}
              color="yellow"
              p="xs"
              data-testid="others-waiting"
              data-user={queue.userId}
              data-count={queue.count}
            >
              {t('field.othersWaiting', { who: queue.name, count: queue.count })}
            </Alert>
          ))}
          {refreshProblem && !reference ? (
            <Text c="red.8" role="alert">
              {refreshProblem}
            </Text>
          ) : null}
          <FieldPage path={path} user={user} engine={engine} reference={reference} />
        </Stack>
      </AppShell.Main>
      <AppShell.Footer>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" data-testid="sync-bar">
          <Link
            to="/field/outbox"
            style={{ color: 'inherit', textDecoration: 'none', minWidth: 0, flex: 1 }}
          >
            {/* three short lines that never wrap: what waits, the network, the last sync */}
            <Stack gap={0}>
              <Text
                size="sm"
                lh={1.3}
                fw={700}
                lineClamp={1}
                data-testid="pending-count"
                data-pending={pending}
              >
                {t('field.pending', { count: pending })}
                {conflicts > 0 ? (
                  <Text span size="sm" c="red.8" fw={700}>
                    {' · '}
                    {t('field.conflicts', { count: conflicts })}
                  </Text>
                ) : null}
              </Text>
              <Text
                size="xs"
                lh={1.3}
                fw={700}
                lineClamp={1}
                c={online ? 'green.9' : 'gray.8'}
                data-testid="network"
                data-online={online}
              >
                {online ? t('field.online') : t('field.offline')}
              </Text>
              <Text size="xs" lh={1.3} c="dimmed" lineClamp={1} data-testid="last-sync">
                {lastSync
                  ? t('field.lastSync', { at: formatRecent(language, lastSync) })
                  : t('field.neverSynced')}
              </Text>
            </Stack>
          </Link>
          <Button
            size="md"
            px="sm"
            maw={120}
            h="auto"
            mih={44}
            py={4}
            // a long label (Kurdish) takes two lines rather than the status's room
            styles={{ label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.2 } }}
            style={{ flexShrink: 0 }}
            onClick={() => void refresh()}
            loading={sync.syncing}
            data-testid="sync-now"
          >
            {t('field.syncNow')}
          </Button>
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}

function FieldPage({
  path,
  user,
  engine,
  reference,
}: {
  path: string;
  user: SessionUser;
  engine: SyncEngine;
  reference: ReturnType<typeof useReference>['reference'];
}): ReactNode {
  const { t } = useTranslation();
  let params: Record<string, string> | null;
  if (path.startsWith('/field/outbox')) return <OutboxScreen user={user} />;
  if (!reference) return <Text>{t('field.loadingReference')}</Text>;
  if (user.role === 'hospital')
    return <StoreScreen user={user} reference={reference} onQueued={() => void engine.syncNow()} />;
  if ((params = matchPath('/field/trips/:id/stops/:facilityId', path)))
    return (
      <StopScreen
        user={user}
        reference={reference}
        tripId={params.id}
        facilityId={params.facilityId}
        onQueued={() => void engine.syncNow()}
      />
    );
  if ((params = matchPath('/field/trips/:id', path)))
    return (
      <TripScreen
        user={user}
        reference={reference}
        tripId={params.id}
        onQueued={() => void engine.syncNow()}
      />
    );
  return <DriverTrips reference={reference} />;
}
