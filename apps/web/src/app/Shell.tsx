import {
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  Loader,
  NavLink,
  NativeSelect,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { BADGE } from '../shared/colours';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SessionUser, setSession } from '../auth/session';
import { isLanguage, LANGUAGES } from '../i18n';
import { useLanguage } from '../i18n/use-language';
import { followLiveChanges, type LiveStatus } from '../live/live-events';
import { NotificationBell } from '../notifications/NotificationBell';
import { homeOf, mayOpen, pageOfPath, pagesFor, pathOf } from './navigation';
import { Link, matchPath, navigate, useLocation } from './router';

// Each page is its own chunk: the map and the charts load with the pages that draw them.
const AdminPage = lazy(() => import('../pages/AdminPage').then((m) => ({ default: m.AdminPage })));
const AlertsPage = lazy(() =>
  import('../pages/AlertsPage').then((m) => ({ default: m.AlertsPage })),
);
const CylinderPage = lazy(() =>
  import('../pages/CylinderPage').then((m) => ({ default: m.CylinderPage })),
);
const GovernoratePage = lazy(() =>
  import('../pages/GovernoratePage').then((m) => ({ default: m.GovernoratePage })),
);
const HospitalPage = lazy(() =>
  import('../pages/HospitalPage').then((m) => ({ default: m.HospitalPage })),
);
const OverviewPage = lazy(() =>
  import('../pages/OverviewPage').then((m) => ({ default: m.OverviewPage })),
);
const PlansPage = lazy(() => import('../pages/PlansPage').then((m) => ({ default: m.PlansPage })));
const ProducerPage = lazy(() =>
  import('../pages/ProducerPage').then((m) => ({ default: m.ProducerPage })),
);
const DirectoryPage = lazy(() =>
  import('../partners/DirectoryPage').then((m) => ({ default: m.DirectoryPage })),
);
const PersonPage = lazy(() =>
  import('../partners/PersonPage').then((m) => ({ default: m.PersonPage })),
);
const OrganisationPage = lazy(() =>
  import('../partners/OrganisationPage').then((m) => ({ default: m.OrganisationPage })),
);
const HelpBoardPage = lazy(() =>
  import('../partners/HelpBoardPage').then((m) => ({ default: m.HelpBoardPage })),
);
const HelpRequestPage = lazy(() =>
  import('../partners/HelpRequestPage').then((m) => ({ default: m.HelpRequestPage })),
);
const NewHelpRequestPage = lazy(() =>
  import('../partners/NewHelpRequestPage').then((m) => ({ default: m.NewHelpRequestPage })),
);
const TripsPage = lazy(() => import('../pages/TripsPage').then((m) => ({ default: m.TripsPage })));
const NotificationsPage = lazy(() =>
  import('../notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const NotificationSettingsPage = lazy(() =>
  import('../notifications/NotificationSettingsPage').then((m) => ({
    default: m.NotificationSettingsPage,
  })),
);
const NotificationDeliveriesPage = lazy(() =>
  import('../notifications/NotificationDeliveriesPage').then((m) => ({
    default: m.NotificationDeliveriesPage,
  })),
);

export function Shell({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const { path } = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveStatus>('connecting');

  // partners have no ledger to follow: the live stream is the supply picture's (403 for them)
  const followsLedger = user.role !== 'partner';
  useEffect(
    () => (followsLedger ? followLiveChanges(queryClient, setLive) : undefined),
    [queryClient, user.id, followsLedger],
  );

  const allowed = mayOpen(user, path);
  useEffect(() => {
    if (!allowed) navigate(homeOf(user), { replace: true });
  }, [allowed, user]);

  const current = pageOfPath(path);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="menu" />
            <Title order={1} size="h4">
              {t('app.title')}
            </Title>
            {followsLedger && (
              <Badge
                data-testid="live-status"
                data-status={live}
                color={
                  live === 'connected'
                    ? BADGE.good
                    : live === 'connecting'
                      ? BADGE.warning
                      : BADGE.neutral
                }
                variant="filled"
              >
                {t(`live.${live}`)}
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <NativeSelect
              aria-label={t('nav.language')}
              data-testid="language"
              size="xs"
              value={language}
              data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
              onChange={(event) => {
                if (isLanguage(event.currentTarget.value)) setLanguage(event.currentTarget.value);
              }}
            />
            <Text size="sm" visibleFrom="sm" data-testid="user">
              {user.displayName ?? user.username} ({user.role})
            </Text>
            {user.role === 'driver' || user.role === 'hospital' ? (
              <Button size="xs" component={Link} to="/field" data-testid="open-field">
                {t('nav.field')}
              </Button>
            ) : null}
            <Button size="xs" variant="default" onClick={() => setSession(null)}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="main">
        {pagesFor(user.role).map((page) => (
          <NavLink
            key={page}
            component={Link}
            to={pathOf(page, user)}
            label={t(`nav.${page}`)}
            active={current === page}
            variant="filled"
            data-testid={`nav-${page}`}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader size="sm" />}>
          {allowed ? <Page path={path} user={user} /> : null}
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function Page({ path, user }: { path: string; user: SessionUser }): ReactNode {
  let params: Record<string, string> | null;
  if ((params = matchPath('/hospitals/:id', path)))
    return <HospitalPage id={params.id} user={user} />;
  if ((params = matchPath('/governorates/:name', path)))
    return <GovernoratePage name={params.name} />;
  if ((params = matchPath('/producers/:id', path)))
    return <ProducerPage plantId={params.id} user={user} />;
  if ((params = matchPath('/directory/people/:id', path)))
    return <PersonPage id={params.id} user={user} />;
  if ((params = matchPath('/directory/organisations/:id', path)))
    return <OrganisationPage id={params.id} />;
  if (path.replace(/\/$/, '') === '/help-requests/new') return <NewHelpRequestPage user={user} />;
  if ((params = matchPath('/help-requests/:id', path)))
    return <HelpRequestPage id={params.id} user={user} />;
  switch (path.replace(/\/$/, '')) {
    case '/overview':
      return <OverviewPage />;
    case '/governorates':
      return <GovernoratePage />;
    case '/producers':
      return <ProducerPage user={user} />;
    case '/plans':
      return <PlansPage user={user} />;
    case '/trips':
      return <TripsPage />;
    case '/cylinders':
      return <CylinderPage />;
    case '/alerts':
      return <AlertsPage user={user} />;
    case '/admin':
      return <AdminPage />;
    case '/admin/notifications':
      return <NotificationDeliveriesPage />;
    case '/notifications':
      return <NotificationsPage user={user} />;
    case '/notifications/settings':
      return <NotificationSettingsPage />;
    case '/directory':
      return <DirectoryPage />;
    case '/help-requests':
      return <HelpBoardPage user={user} />;
    default:
      return null;
  }
}
