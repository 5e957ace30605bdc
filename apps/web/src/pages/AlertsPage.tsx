import { Badge, Button, Group, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, postJson } from '../api/client';
import type { Alert, Page } from '../api/views';
import type { SessionUser } from '../auth/session';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { BADGE } from '../shared/colours';
import { DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { useSaving } from '../shared/use-saving';

const SEVERITY_COLOURS = { critical: BADGE.bad, warning: BADGE.warning, info: BADGE.info } as const;

export function AlertsPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [severity, setSeverity] = useState<string>('all');
  const alerts = useQuery({
    queryKey: ['alerts', severity],
    queryFn: () =>
      getJson<Page<Alert>>('/alerts', {
        severity: severity === 'all' ? undefined : severity,
        pageSize: 200,
      }),
  });
  const mayHandle = user.role !== 'analyst';
  return (
    <Stack>
      <Title order={2}>{t('alerts.title')}</Title>
      <SegmentedControl
        aria-label={t('alerts.severity')}
        value={severity}
        onChange={setSeverity}
        data={[
          { value: 'all', label: t('alerts.all') },
          { value: 'critical', label: t('alerts.critical') },
          { value: 'warning', label: t('alerts.warning') },
          { value: 'info', label: t('alerts.info') },
        ]}
        w="fit-content"
      />
      <Loadable query={alerts}>
        {(page) => (
          <DataTable
            testId="alerts-table"
            csvName="alerts"
            rows={page.items}
            rowKey={(row) => row.id}
            columns={[
              {
                key: 'severity',
                header: t('alerts.severity'),
                value: (row) => row.severity,
                render: (row) => (
                  <Badge color={SEVERITY_COLOURS[row.severity] ?? BADGE.neutral}>
                    {t(`alerts.${row.severity}`)}
                  </Badge>
                ),
              },
              { key: 'message', header: t('table.details'), value: (row) => row.message },
              {
                key: 'since',
                header: t('alerts.since'),
                value: (row) => row.since,
                render: (row) => formatDateTime(language, row.since),
              },
              {
                key: 'status',
                header: t('table.status'),
                value: (row) => row.status,
                render: (row) => t(`alerts.${row.acknowledgedAt ? 'acknowledged' : row.status}`),
              },
              {
                key: 'actions',
                header: '',
                value: () => '',
                render: (row) => (mayHandle ? <AlertActions alert={row} /> : null),
              },
            ]}
          />
        )}
      </Loadable>
    </Stack>
  );
}

function AlertActions({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const act = useSaving(
    (action: 'acknowledge' | 'resolve') =>
      postJson(`/alerts/${encodeURIComponent(alert.id)}/${action}`, note ? { note } : {}),
    [['alerts']],
  );
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput
        size="xs"
        aria-label={t('alerts.note')}
        placeholder={t('alerts.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      {!alert.acknowledgedAt && (
        <Button
          size="xs"
          variant="light"
          onClick={() => act.mutate('acknowledge')}
          loading={act.isPending}
        >
          {t('alerts.acknowledge')}
        </Button>
      )}
      <Button
        size="xs"
        variant="light"
        color="green"
        onClick={() => act.mutate('resolve')}
        loading={act.isPending}
      >
        {t('alerts.resolve')}
      </Button>
      {act.isError && <span role="alert">{act.error.message}</span>}
    </Group>
  );
}
