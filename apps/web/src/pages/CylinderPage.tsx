import {
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError, getJson, ok } from '../api/client';
import type { CylinderDetail } from '../api/views';
import { navigate, useLocation } from '../app/router';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { BADGE } from '../shared/colours';
import { DataTable } from '../shared/DataTable';
import { ProofOfDelivery } from '../field/proof/ProofOfDelivery';
import { Loadable } from '../shared/Loadable';
import { usePagedQuery } from '../shared/use-paged-query';
import { cylinderEventName } from './event-names';

type Status = 'EMPTY' | 'FULL' | 'IN_TRANSIT' | 'IN_USE' | 'QUARANTINED' | 'CONDEMNED' | 'LOST';

/**
 * Look a cylinder up by serial. A barcode scanner in keyboard mode types the serial and Enter,
 * so the field keeps the focus and submits on Enter. Without a serial: the cylinders in a state
 * (the overview's tiles open this list).
 */
export function CylinderPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const serial = query.get('serial')?.trim() ?? '';
  const status = query.get('status') as Status | null;
  const [typed, setTyped] = useState(serial);

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = typed.trim().toUpperCase();
    if (value) navigate(`/cylinders?serial=${encodeURIComponent(value)}`);
  }

  return (
    <Stack>
      <Title order={2}>{t('cylinder.lookup')}</Title>
      <form onSubmit={submit} role="search">
        <Group align="end">
          <TextInput
            label={t('cylinder.serial')}
            name="serial"
            autoFocus
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            w={320}
          />
          <Button type="submit">{t('cylinder.find')}</Button>
        </Group>
      </form>
      {serial ? (
        <CylinderHistory serial={serial} />
      ) : (
        <CylinderList key={status ?? 'all'} status={status} />
      )}
    </Stack>
  );
}

function CylinderHistory({ serial }: { serial: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const cylinder = useQuery({
    queryKey: ['cylinder', serial],
    queryFn: () => getJson<CylinderDetail>(`/cylinders/${encodeURIComponent(serial)}`),
  });
  if (cylinder.error instanceof ApiRequestError && cylinder.error.status === 404) {
    return (
      <Text role="alert" data-testid="cylinder-not-found">
        {t('cylinder.notFound', { serial })}
      </Text>
    );
  }
  return (
    <Loadable query={cylinder}>
      {(c) => (
        <Stack data-testid="cylinder">
          <Paper withBorder p="md">
            <Title order={3}>{t('cylinder.state')}</Title>
            <Group mt="xs">
              <Text fw={700} data-testid="cylinder-serial">
                {c.serial}
              </Text>
              <Badge color={BADGE.info} data-testid="cylinder-status" data-status={c.state.status}>
                {t(`status.${c.state.status}`)}
              </Badge>
              <Text size="sm">
                {t('cylinder.size')}: {c.state.sizeCode}
              </Text>
              <Text size="sm">
                {t('cylinder.owner')}: {c.state.ownerId}
              </Text>
              <Text size="sm">
                {t('cylinder.location')}:{' '}
                {c.state.location?.facilityId ??
                  (c.state.location?.tripId ? `trip ${c.state.location.tripId.slice(0, 8)}` : '—')}
              </Text>
              {c.state.lastTestDate && (
                <Text size="sm">Test: {formatDate(language, c.state.lastTestDate)}</Text>
              )}
            </Group>
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} mb="sm">
              {t('cylinder.history')}
            </Title>
            <Timeline
              active={c.history.length - 1}
              bulletSize={16}
              lineWidth={2}
              data-testid="cylinder-history"
            >
              {[...c.history].reverse().map((entry) => (
                <Timeline.Item key={entry.revision} title={cylinderEventName(t, entry.type)}>
                  <Text size="sm">
                    {formatDateTime(language, entry.occurredAt)} · {entry.actor?.role ?? ''}{' '}
                    {String(entry.data.facilityId ?? entry.data.plantId ?? '')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('cylinder.recorded', { when: formatDateTime(language, entry.recordedAt) })}
                  </Text>
                  <ProofOfDelivery receivedBy={entry.data.receivedBy} proof={entry.data.proof} />
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        </Stack>
      )}
    </Loadable>
  );
}

function CylinderList({ status }: { status: Status | null }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  // a new status mounts a new list (see its key), back on page 1
  const { query: list, paging } = usePagedQuery(['cylinders', 'list', status], (page, pageSize) =>
    ok(
      api.GET('/api/v1/cylinders', {
        params: { query: { status: status ?? undefined, page, pageSize } },
      }),
    ),
  );
  return (
    <Loadable query={list}>
      {(shown) => (
        <DataTable
          testId="cylinder-list"
          title={`${status ? t(`status.${status}`) : t('kpi.cylinders')} (${formatNumber(language, shown.total ?? shown.items.length)})`}
          csvName={`cylinders-${status ?? 'all'}`}
          rows={shown.items}
          rowKey={(row) => row.serial}
          paging={paging(shown)}
          columns={[
            { key: 'serial', header: t('plans.serials'), value: (row) => row.serial },
            { key: 'size', header: t('table.size'), value: (row) => row.sizeCode },
            {
              key: 'status',
              header: t('table.status'),
              value: (row) => row.status,
              render: (row) => t(`status.${row.status}`),
            },
            {
              key: 'where',
              header: t('cylinder.location'),
              value: (row) => String(row.facilityId ?? row.tripId ?? ''),
            },
            { key: 'owner', header: t('cylinder.owner'), value: (row) => row.ownerId },
            {
              key: 'when',
              header: t('table.when'),
              value: (row) => row.lastEventAt,
              render: (row) => formatDateTime(language, row.lastEventAt),
            },
          ]}
        />
      )}
    </Loadable>
  );
}
