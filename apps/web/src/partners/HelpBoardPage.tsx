import { Badge, Button, Group, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson } from '../api/client';
import type { Page } from '../api/views';
import { Link } from '../app/router';
import type { SessionUser } from '../auth/session';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { DataTable, governorateColumn, type Paging } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { usePagedQuery } from '../shared/use-paged-query';
import { ChoiceFilter, GovernorateFilter } from './Filters';
import { STATE_COLOURS, URGENCY_COLOURS } from './PartnerBadges';
import {
  type BoardItem,
  HELP_CATEGORIES,
  HELP_STATES,
  HELP_URGENCIES,
  MAY_OPEN_HELP_REQUESTS,
  type HelpStatsRow,
} from './partner-views';

/** The help-request board: by state, urgency, category and governorate; most urgent first. */
export function HelpBoardPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [status, setStatus] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [governorate, setGovernorate] = useState<string | null>(null);
  const filters = { status, urgency, category, governorate };
  const stats = useQuery({
    queryKey: ['help-requests', 'stats'],
    queryFn: () => getJson<{ items: HelpStatsRow[] }>('/help-requests/stats'),
  });
  const hours = (value: number | null) =>
    value === null ? '—' : t('partners.hoursValue', { value: formatNumber(language, value, 1) });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('partners.board')}</Title>
        {MAY_OPEN_HELP_REQUESTS.includes(user.role) && (
          <Button component={Link} to="/help-requests/new" data-testid="new-help-request">
            {t('partners.newRequest')}
          </Button>
        )}
      </Group>
      <Group align="end" wrap="wrap">
        <ChoiceFilter
          label={t('partners.state')}
          value={status}
          onChange={setStatus}
          values={HELP_STATES}
          labelOf={(value) => t(`partners.states.${value}`)}
          testId="board-state"
        />
        <ChoiceFilter
          label={t('partners.urgency')}
          value={urgency}
          onChange={setUrgency}
          values={HELP_URGENCIES}
          labelOf={(value) => t(`partners.urgencies.${value}`)}
        />
        <ChoiceFilter
          label={t('partners.category')}
          value={category}
          onChange={setCategory}
          values={HELP_CATEGORIES}
          labelOf={(value) => t(`partners.categories.${value}`)}
        />
        <GovernorateFilter value={governorate} onChange={setGovernorate} />
      </Group>
      <Board key={JSON.stringify(filters)} filters={filters} />
      <Loadable query={stats}>
        {(data) => (
          <DataTable
            title={t('partners.stats')}
            testId="help-stats"
            csvName="help-request-times"
            rows={data.items}
            rowKey={(row) => `${row.category}-${row.governorate}`}
            columns={[
              {
                key: 'category',
                header: t('partners.category'),
                value: (row) => t(`partners.categories.${row.category}`),
              },
              governorateColumn(
                'governorate',
                t('partners.governorate'),
                (row: HelpStatsRow) => row.governorate,
                language,
              ),
              { key: 'requests', header: t('partners.requests'), value: (row) => row.requests },
              {
                key: 'assign',
                header: t('partners.medianToAssign'),
                value: (row) => row.medianHoursToAssign ?? '',
                render: (row) => hours(row.medianHoursToAssign),
              },
              {
                key: 'resolve',
                header: t('partners.medianToResolve'),
                value: (row) => row.medianHoursToResolve ?? '',
                render: (row) => hours(row.medianHoursToResolve),
              },
            ]}
          />
        )}
      </Loadable>
    </Stack>
  );
}

/** The requests that match the filters, a page at a time (a new filter mounts a new board). */
function Board({ filters }: { filters: Record<string, string | null> }) {
  const { query: board, paging } = usePagedQuery(
    ['help-requests', 'board', filters],
    (page, pageSize) => getJson<Page<BoardItem>>('/help-requests', { ...filters, page, pageSize }),
  );
  return (
    <Loadable query={board}>
      {(page) => <HelpRequestsTable items={page.items} testId="help-board" paging={paging(page)} />}
    </Loadable>
  );
}

export function HelpRequestsTable({
  items,
  title,
  testId,
  paging,
}: {
  items: BoardItem[];
  title?: string;
  testId?: string;
  paging?: Paging<BoardItem>;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <DataTable
      title={title}
      testId={testId}
      csvName="help-requests"
      rows={items}
      rowKey={(row) => row.requestId}
      paging={paging}
      columns={[
        {
          key: 'title',
          header: t('partners.title'),
          value: (row) => row.title,
          render: (row) => (
            <Link to={`/help-requests/${encodeURIComponent(row.requestId)}`}>{row.title}</Link>
          ),
        },
        {
          key: 'urgency',
          header: t('partners.urgency'),
          value: (row) => row.urgency,
          render: (row) => (
            <Badge color={URGENCY_COLOURS[row.urgency]}>
              {t(`partners.urgencies.${row.urgency}`)}
            </Badge>
          ),
        },
        {
          key: 'status',
          header: t('partners.state'),
          value: (row) => row.status,
          render: (row) => (
            <Badge color={STATE_COLOURS[row.status]} data-testid="request-state">
              {t(`partners.states.${row.status}`)}
            </Badge>
          ),
        },
        {
          key: 'category',
          header: t('partners.category'),
          value: (row) => t(`partners.categories.${row.category}`),
        },
        {
          key: 'facility',
          header: t('partners.facility'),
          value: (row) => row.facilityName ?? row.facilityId,
        },
        governorateColumn(
          'governorate',
          t('partners.governorate'),
          (row: BoardItem) => row.governorate,
          language,
        ),
        {
          key: 'assignee',
          header: t('partners.assignee'),
          value: (row) => row.assignee?.name ?? '',
        },
        {
          key: 'opened',
          header: t('partners.openedAt'),
          value: (row) => row.openedAt,
          render: (row) => formatDateTime(language, row.openedAt),
        },
      ]}
    />
  );
}
