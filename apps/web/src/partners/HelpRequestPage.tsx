import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Image,
  Select,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authFetch, getJson, postJson } from '../api/client';
import { Link } from '../app/router';
import type { SessionUser } from '../auth/session';
import { formatDateTime, formatNumber } from '../i18n/format';
import { governorateName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';
import { Loadable } from '../shared/Loadable';
import { Availability, STATE_COLOURS, Tags, URGENCY_COLOURS } from './PartnerBadges';
import {
  HELP_URGENCIES,
  type HelpRequestView,
  type HelpState,
  type SuggestionsView,
} from './partner-views';

const NATIONAL = ['dispatcher', 'admin'];

/** One help request: what is wrong where, its timeline, and the next steps the user may take. */
export function HelpRequestPage({ id, user }: { id: string; user: SessionUser }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const request = useQuery({
    queryKey: ['help-requests', 'detail', id],
    queryFn: () => getJson<HelpRequestView>(`/help-requests/${encodeURIComponent(id)}`),
  });
  return (
    <Loadable query={request}>
      {(r) => (
        <Stack>
          <Group>
            <Title order={2} dir="auto">
              {r.title}
            </Title>
            <Badge
              color={STATE_COLOURS[r.status]}
              data-testid="request-status"
              data-status={r.status}
            >
              {t(`partners.states.${r.status}`)}
            </Badge>
            <Badge color={URGENCY_COLOURS[r.urgency]}>{t(`partners.urgencies.${r.urgency}`)}</Badge>
          </Group>
          <Text>
            {t(`partners.categories.${r.category}`)} —{' '}
            {r.facility ? (
              <Link
                to={
                  r.facility.kind === 'producer'
                    ? `/producers/${encodeURIComponent(r.facility.id)}`
                    : `/hospitals/${encodeURIComponent(r.facility.id)}`
                }
              >
                {r.facility.name}
              </Link>
            ) : (
              r.facilityId
            )}
            {r.facility ? ` (${governorateName(r.facility.governorate, language)})` : ''}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }} dir="auto">
            {r.description}
          </Text>
          {r.photos.length > 0 && (
            <Group>
              {r.photos.map((hash) => (
                <Photo key={hash} hash={hash} />
              ))}
            </Group>
          )}
          <Text data-testid="request-assignee">
            {t('partners.assignee')}:{' '}
            {r.assignee ? (
              <Link
                to={`/directory/${r.assignee.kind === 'person' ? 'people' : 'organisations'}/${encodeURIComponent(r.assignee.id)}`}
              >
                {r.assignee.name ?? r.assignee.id}
              </Link>
            ) : (
              t('partners.nobodyYet')
            )}
          </Text>
          <Grid>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Title order={3} size="h4" mb="sm">
                  {t('partners.timeline')}
                </Title>
                <Timeline active={r.timeline.length} bulletSize={14} lineWidth={2}>
                  {r.timeline.map((entry, k) => (
                    <Timeline.Item key={k} title={t(`partners.event.${entry.type}`)}>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(language, entry.at)} · {entry.byName ?? entry.by}
                      </Text>
                      <EventDetail data={entry.data} />
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Actions request={r} user={user} />
            </Grid.Col>
          </Grid>
          {NATIONAL.includes(user.role) &&
            ['opened', 'triaged', 'assigned', 'in-progress', 'reopened'].includes(r.status) && (
              <Suggestions request={r} />
            )}
        </Stack>
      )}
    </Loadable>
  );
}

function EventDetail({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const text = (data.resolution ?? data.reason ?? data.note) as string | undefined;
  return (
    <>
      {typeof data.urgency === 'string' && !data.title && (
        <Text size="sm">{t(`partners.urgencies.${data.urgency}`)}</Text>
      )}
      {text && <Text size="sm">{text}</Text>}
    </>
  );
}

function Photo({ hash }: { hash: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let created: string | undefined;
    void authFetch(new Request(`/api/v1/help-requests/photos/${hash}`))
      .then((response) => (response.ok ? response.blob() : undefined))
      .then((blob) => {
        if (blob) setUrl((created = URL.createObjectURL(blob)));
      });
    return () => {
      if (created) URL.revokeObjectURL(created);
    };
  }, [hash]);
  return url ? <Image src={url} alt={hash.slice(0, 12)} w={160} radius="sm" /> : null;
}

function useStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: object }) =>
      postJson(`/help-requests/${encodeURIComponent(id)}/${action}`, body ?? {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['help-requests'] }),
  });
}

/** The steps this user may take now; the api decides in the end (403, 409 naming the state). */
function Actions({ request, user }: { request: HelpRequestView; user: SessionUser }) {
  const { t } = useTranslation();
  const step = useStep(request.requestId);
  const [urgency, setUrgency] = useState<string | null>(request.urgency);
  const [text, setText] = useState('');
  const national = NATIONAL.includes(user.role);
  const atFacility =
    (user.role === 'hospital' || user.role === 'producer') &&
    user.facilityId === request.facilityId;
  const owner = atFacility || request.openedBy === user.id || national;
  const onIt = national || user.role === 'partner';
  const is = (...states: HelpState[]) => states.includes(request.status);
  const run = (action: string, body?: object) =>
    step.mutate({ action, body }, { onSuccess: () => setText('') });
  const mayComment = !['analyst', 'driver'].includes(user.role) && !is('closed');
  if (!national && !owner && !onIt && !mayComment) return null;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('partners.actions')}
        </Title>
        {national && is('opened', 'triaged', 'reopened') && (
          <Group align="end">
            <Select
              label={t('partners.urgency')}
              value={urgency}
              onChange={setUrgency}
              data={HELP_URGENCIES.map((value) => ({
                value,
                label: t(`partners.urgencies.${value}`),
              }))}
            />
            <Button onClick={() => run('triage', { urgency })} data-testid="action-triage">
              {t('partners.do.triage')}
            </Button>
          </Group>
        )}
        <Textarea
          label={t('partners.note')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="action-text"
        />
        <Group>
          {onIt && is('assigned') && (
            <Button onClick={() => run('start')} data-testid="action-start">
              {t('partners.do.start')}
            </Button>
          )}
          {onIt && is('assigned', 'in-progress') && (
            <Button
              color="green.9"
              disabled={!text.trim()}
              onClick={() => run('resolve', { resolution: text })}
              data-testid="action-resolve"
            >
              {t('partners.do.resolve')}
            </Button>
          )}
          {owner && is('resolved') && (
            <Button onClick={() => run('close')} data-testid="action-close">
              {t('partners.do.close')}
            </Button>
          )}
          {owner && is('resolved', 'closed') && (
            <Button
              variant="default"
              disabled={!text.trim()}
              onClick={() => run('reopen', { reason: text })}
              data-testid="action-reopen"
            >
              {t('partners.do.reopen')}
            </Button>
          )}
          {mayComment && (
            <Button
              variant="default"
              disabled={!text.trim()}
              onClick={() => run('comments', { note: text })}
              data-testid="action-comment"
            >
              {t('partners.do.comment')}
            </Button>
          )}
        </Group>
        {step.isError && (
          <Alert color="red" role="alert">
            {step.error.message}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** Who could take it: experts by skill and distance, and organisations covering the place. */
function Suggestions({ request }: { request: HelpRequestView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const step = useStep(request.requestId);
  const suggestions = useQuery({
    queryKey: ['help-requests', 'suggestions', request.requestId],
    queryFn: () =>
      getJson<SuggestionsView>(
        `/help-requests/${encodeURIComponent(request.requestId)}/suggestions`,
      ),
  });
  const assign = (kind: 'person' | 'organisation', id: string) =>
    step.mutate({ action: 'assign', body: { kind, id } });
  return (
    <Card withBorder data-testid="suggestions">
      <Title order={3} size="h4" mb="sm">
        {t('partners.suggested')}
      </Title>
      <Loadable query={suggestions}>
        {(s) => (
          <Stack gap="xs">
            {s.people.map((ranked) => (
              <Group
                key={ranked.person.id}
                justify="space-between"
                data-testid={`suggested-${ranked.person.id}`}
              >
                <Stack gap={2}>
                  <Link to={`/directory/people/${encodeURIComponent(ranked.person.id)}`}>
                    {ranked.person.name}
                  </Link>
                  <Group gap="xs">
                    <Tags tags={ranked.matchedTags} />
                    <Availability available={ranked.person.available} />
                    <Text size="xs">
                      {ranked.coversGovernorate
                        ? t('partners.coversGovernorate')
                        : t('partners.kmAway', { km: formatNumber(language, ranked.distanceKm) })}
                    </Text>
                  </Group>
                </Stack>
                <Button
                  size="xs"
                  variant="light"
                  disabled={request.assignee?.id === ranked.person.id}
                  onClick={() => assign('person', ranked.person.id)}
                  data-testid={`assign-${ranked.person.id}`}
                >
                  {t('partners.do.assign')}
                </Button>
              </Group>
            ))}
            {s.organisations.map((ranked) => (
              <Group key={ranked.organisation.id} justify="space-between">
                <Stack gap={2}>
                  <Link
                    to={`/directory/organisations/${encodeURIComponent(ranked.organisation.id)}`}
                  >
                    {ranked.organisation.name}
                  </Link>
                  <Tags tags={ranked.matchedServices} />
                </Stack>
                <Button
                  size="xs"
                  variant="light"
                  disabled={request.assignee?.id === ranked.organisation.id}
                  onClick={() => assign('organisation', ranked.organisation.id)}
                >
                  {t('partners.do.assign')}
                </Button>
              </Group>
            ))}
            {step.isError && <Alert color="red">{step.error.message}</Alert>}
          </Stack>
        )}
      </Loadable>
    </Card>
  );
}
