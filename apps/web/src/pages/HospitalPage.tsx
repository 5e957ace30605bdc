import { LineChart } from '@mantine/charts';
import {
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, getJson, ok, postJson } from '../api/client';
import type { HospitalDemand, HospitalSupply, TripView } from '../api/views';
import type { SessionUser } from '../auth/session';
import { formatDate, formatDateTime, formatDays, formatList, formatNumber } from '../i18n/format';
import { governorateName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';
import { chartDirectionProps } from './chart-direction';
import { DataTable, numberColumn } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { useSaving } from '../shared/use-saving';
import { KpiTile } from '../supply/KpiTile';
import { LevelBadge } from '../supply/LevelBadge';
import { StockTable } from '../supply/StockTable';
import { cylinderEventName, tripStatusColumn } from './event-names';

const HISTORY_DAYS = 7;

export function HospitalPage({ id, user }: { id: string; user: SessionUser }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const supply = useQuery({
    queryKey: ['supply', 'hospital', id],
    queryFn: () => getJson<HospitalSupply>(`/hospitals/${encodeURIComponent(id)}/supply`),
  });
  const demand = useQuery({
    queryKey: ['demand', id],
    queryFn: () => getJson<HospitalDemand>(`/hospitals/${encodeURIComponent(id)}/demand`),
  });
  const stock = useQuery({
    queryKey: ['stock', 'facility', id],
    queryFn: () => ok(api.GET('/api/v1/facilities/{id}/stock', { params: { path: { id } } })),
  });
  const mayReport = user.role === 'admin' || (user.role === 'hospital' && user.facilityId === id);

  return (
    <Stack>
      <Loadable query={supply}>
        {(s) => (
          <>
            <Group>
              <Title order={2}>{s.name}</Title>
              <LevelBadge level={s.level} />
              <Text c="dimmed">{governorateName(s.governorate, language)}</Text>
            </Group>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <KpiTile
                id="hospital-days"
                label={t('table.days')}
                value={formatDays(language, s.daysOfSupply)}
                raw={s.daysOfSupply}
              />
              <KpiTile
                id="hospital-on-hand"
                label={t('kpi.onHand')}
                value={t('kpi.litres', { value: formatNumber(language, s.onHandLitres) })}
                raw={s.onHandLitres}
              />
              <KpiTile
                id="hospital-need"
                label={t('table.need')}
                value={formatNumber(language, s.needLitresPerDay)}
                raw={s.needLitresPerDay}
              />
              <KpiTile
                id="hospital-to-send"
                label={t('table.toSend')}
                value={formatNumber(
                  language,
                  s.bySize.reduce((sum, x) => sum + x.toSendCylinders, 0),
                )}
                raw={s.bySize.reduce((sum, x) => sum + x.toSendCylinders, 0)}
              />
            </SimpleGrid>
          </>
        )}
      </Loadable>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <DaysHistory id={id} needLitresPerDay={supply.data?.needLitresPerDay} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md">
            <Title order={3}>{t('hospital.need')}</Title>
            {supply.data && (
              <Stack gap={4} mt="xs">
                <Text size="sm">
                  {t('hospital.basis')}:{' '}
                  {supply.data.need.basis === 'clinical'
                    ? t('hospital.basisClinical')
                    : t('hospital.basisConsumption')}
                </Text>
                <Text size="sm">
                  {t('hospital.clinical')}:{' '}
                  {t('hospital.perDay', {
                    value: formatNumber(language, supply.data.need.clinicalLitresPerDay),
                  })}
                </Text>
                <Text size="sm">
                  {t('hospital.historyDays', {
                    days: formatNumber(language, supply.data.need.historyDays),
                  })}
                </Text>
              </Stack>
            )}
            {demand.data && (
              <Stack gap={4} mt="xs">
                <Text size="sm">
                  {t('hospital.beds')}:{' '}
                  {formatList(language, [
                    `${t('hospital.general')} ${formatNumber(language, demand.data.beds?.general ?? 0)}`,
                    `${t('hospital.icu')} ${formatNumber(language, demand.data.beds?.icu ?? 0)}`,
                    `${t('hospital.neonatal')} ${formatNumber(language, demand.data.beds?.neonatal ?? 0)}`,
                  ])}
                </Text>
                <Text size="sm">
                  {t('hospital.census')}:{' '}
                  {formatList(language, [
                    `${t('hospital.severe')} ${formatNumber(language, demand.data.census?.severe ?? 0)}`,
                    `${t('hospital.criticalPatients')} ${formatNumber(language, demand.data.census?.critical ?? 0)}`,
                  ])}{' '}
                  ({formatDateTime(language, demand.data.census?.at)})
                </Text>
              </Stack>
            )}
            <Text size="xs" c="dimmed" mt="xs">
              {t('hospital.assumptions')}
            </Text>
          </Paper>
        </Grid.Col>
      </Grid>
      {mayReport && demand.data && <DemandForms id={id} demand={demand.data} />}
      <Loadable query={stock}>
        {(s) => (
          <StockTable title={t('governorate.stock')} csvName={`stock-${id}`} rows={s.bySize} />
        )}
      </Loadable>
      <Movements id={id} />
      <InboundTrips id={id} />
    </Stack>
  );
}

/**
 * Days of supply at the end of each of the last days: the oxygen in full cylinders then
 * (recomputed from the ledger) over today's need.
 */
function DaysHistory({ id, needLitresPerDay }: { id: string; needLitresPerDay?: number }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const history = useQuery({
    queryKey: ['stock', 'facility-history', id],
    queryFn: async () => {
      const now = Date.now();
      const instants = Array.from({ length: HISTORY_DAYS }, (_, i) =>
        new Date(now - (HISTORY_DAYS - 1 - i) * 86_400_000).toISOString(),
      );
      return Promise.all(
        instants.map(async (at) => {
          const stock = await ok(
            api.GET('/api/v1/facilities/{id}/stock', { params: { path: { id }, query: { at } } }),
          );
          return { at, oxygenLitres: stock.oxygenLitres };
        }),
      );
    },
    staleTime: 60_000,
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="xs">
        {t('hospital.daysHistory')}
      </Title>
      <Loadable query={history}>
        {(points) => (
          <LineChart
            h={200}
            data-testid="days-chart"
            data={points.map((p) => ({
              day: formatDate(language, p.at),
              days: needLitresPerDay ? Number((p.oxygenLitres / needLitresPerDay).toFixed(2)) : 0,
            }))}
            dataKey="day"
            {...chartDirectionProps(language, (days) => formatDays(language, days))}
            series={[{ name: 'days', label: t('table.days'), color: 'teal.6' }]}
            curveType="linear"
          />
        )}
      </Loadable>
    </Paper>
  );
}

function DemandForms({ id, demand }: { id: string; demand: HospitalDemand }) {
  const { t } = useTranslation();
  const path = `/hospitals/${encodeURIComponent(id)}`;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <CountsForm
        title={t('hospital.beds')}
        testId="beds-form"
        initial={demand.beds ?? { general: 0, icu: 0, neonatal: 0 }}
        labels={{
          general: t('hospital.general'),
          icu: t('hospital.icu'),
          neonatal: t('hospital.neonatal'),
        }}
        send={(beds) => postJson(`${path}/beds`, beds, 'PUT')}
      />
      <CountsForm
        title={t('hospital.census')}
        testId="census-form"
        initial={{ severe: demand.census?.severe ?? 0, critical: demand.census?.critical ?? 0 }}
        labels={{ severe: t('hospital.severe'), critical: t('hospital.criticalPatients') }}
        send={(census) => postJson(`${path}/census`, census)}
      />
    </SimpleGrid>
  );
}

/** A row of whole counts (beds by kind, patients by severity) saved together. */
function CountsForm<Key extends string>({
  title,
  testId,
  initial,
  labels,
  send,
}: {
  title: string;
  testId: string;
  initial: Record<Key, number>;
  labels: Record<Key, string>;
  send: (counts: Record<Key, number>) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState(initial);
  const save = useSaving(() => send(counts), 'all');
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={3}>{title}</Title>
      <Group align="end">
        {(Object.keys(labels) as Key[]).map((key) => (
          <NumberInput
            key={key}
            name={key}
            label={labels[key]}
            min={0}
            value={counts[key]}
            onChange={(v) => setCounts({ ...counts, [key]: Math.max(0, Number(v) || 0) })}
            w={120}
          />
        ))}
        <Button type="submit" loading={save.isPending}>
          {t('hospital.save')}
        </Button>
      </Group>
      <MutationNote mutation={save} />
    </Paper>
  );
}

export function MutationNote({
  mutation,
}: {
  mutation: { isSuccess: boolean; isError: boolean; error: Error | null };
}) {
  const { t } = useTranslation();
  if (mutation.isError)
    return (
      <Text c="red" size="sm" role="alert">
        {mutation.error?.message}
      </Text>
    );
  if (mutation.isSuccess)
    return (
      <Text c="green" size="sm" role="status">
        {t('hospital.saved')}
      </Text>
    );
  return null;
}

function Movements({ id }: { id: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const cylinders = useQuery({
    queryKey: ['cylinders', 'facility', id],
    queryFn: () =>
      ok(api.GET('/api/v1/cylinders', { params: { query: { facilityId: id, pageSize: 200 } } })),
  });
  return (
    <Loadable query={cylinders}>
      {(page) => (
        <DataTable
          testId="movements"
          title={t('hospital.movements')}
          csvName={`movements-${id}`}
          rows={[...page.items]
            .sort((a, b) => b.lastEventAt.localeCompare(a.lastEventAt))
            .slice(0, 20)}
          rowKey={(row) => row.serial}
          columns={[
            {
              key: 'when',
              header: t('table.when'),
              value: (row) => row.lastEventAt,
              render: (row) => formatDateTime(language, row.lastEventAt),
            },
            { key: 'serial', header: t('plans.serials'), value: (row) => row.serial },
            {
              key: 'event',
              header: t('table.event'),
              value: (row) => row.lastEventType,
              render: (row) => cylinderEventName(t, row.lastEventType),
            },
            { key: 'size', header: t('table.size'), value: (row) => row.sizeCode },
            {
              key: 'status',
              header: t('table.status'),
              value: (row) => row.status,
              render: (row) => t(`status.${row.status}`),
            },
          ]}
        />
      )}
    </Loadable>
  );
}

function InboundTrips({ id }: { id: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const trips = useQuery({
    queryKey: ['trips', 'facility', id],
    queryFn: () =>
      ok(api.GET('/api/v1/trips', { params: { query: { facilityId: id, pageSize: 50 } } })),
  });
  return (
    <Loadable query={trips}>
      {(page) => (
        <DataTable
          testId="inbound-trips"
          title={t('hospital.inbound')}
          csvName={`trips-${id}`}
          rows={page.items.filter((trip) => trip.status !== 'COMPLETED')}
          rowKey={(row) => row.tripId}
          columns={[
            { key: 'trip', header: t('plans.trip'), value: (row) => row.tripId.slice(0, 8) },
            tripStatusColumn(t),
            { key: 'vehicle', header: t('plans.vehicle'), value: (row) => row.vehicleId },
            {
              key: 'planned',
              header: t('table.when'),
              value: (row) => row.plannedAt,
              render: (row) => formatDateTime(language, row.plannedAt),
            },
            numberColumn('onBoard', t('table.count'), (row: TripView) => row.onBoard, language),
          ]}
        />
      )}
    </Loadable>
  );
}
