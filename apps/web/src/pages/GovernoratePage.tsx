import { BarChart } from '@mantine/charts';
import { Anchor, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { HospitalSupply, RollupRow } from '../api/views';
import { Link } from '../app/router';
import { formatDays, formatNumber } from '../i18n/format';
import { governorateName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';
import { chartDirectionProps } from './chart-direction';
import { DataTable, daysColumn, numberColumn } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { KpiTile } from '../supply/KpiTile';
import { useFacilities, useHospitalSupply, useRollup } from '../supply/queries';
import { StockTable } from '../supply/StockTable';
import { SupplyMap } from '../supply/SupplyMap';
import { RiskTable } from './OverviewPage';

export function GovernoratePage({ name }: { name?: string }) {
  return name ? <OneGovernorate name={name} /> : <AllGovernorates />;
}

function AllGovernorates() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const rollup = useRollup();
  const hospitals = useHospitalSupply();
  const facilities = useFacilities();
  return (
    <Stack>
      <Title order={2}>{t('nav.governorates')}</Title>
      <Loadable query={rollup}>
        {(figures) => (
          <>
            <SupplyMap
              governorates={figures.governorates}
              hospitals={hospitals.data?.items ?? []}
              facilities={facilities.data ?? []}
              height={360}
            />
            <DataTable
              testId="governorates-table"
              csvName="governorates"
              rows={[...figures.governorates].sort(
                (a, b) => (a.daysOfSupply ?? Infinity) - (b.daysOfSupply ?? Infinity),
              )}
              rowKey={(row) => row.governorate ?? 'national'}
              columns={[
                {
                  key: 'governorate',
                  header: t('table.governorate'),
                  value: (row: RollupRow) => row.governorate,
                  render: (row: RollupRow) => (
                    <Anchor
                      component={Link}
                      to={`/governorates/${encodeURIComponent(row.governorate ?? '')}`}
                    >
                      {governorateName(row.governorate ?? '', language)}
                    </Anchor>
                  ),
                },
                numberColumn(
                  'hospitals',
                  t('table.hospitals'),
                  (row: RollupRow) => row.hospitals,
                  language,
                ),
                daysColumn(t('table.days'), (row: RollupRow) => row.daysOfSupply, language),
                numberColumn(
                  'need',
                  t('table.need'),
                  (row: RollupRow) => row.needLitresPerDay,
                  language,
                ),
                numberColumn(
                  'onHand',
                  t('table.onHand'),
                  (row: RollupRow) => row.onHandLitres,
                  language,
                ),
                numberColumn(
                  'toSend',
                  t('table.toSend'),
                  (row: RollupRow) => row.toSendCylinders,
                  language,
                ),
              ]}
            />
          </>
        )}
      </Loadable>
    </Stack>
  );
}

function OneGovernorate({ name }: { name: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const rollup = useRollup();
  const hospitals = useHospitalSupply({ governorate: name });
  const stock = useQuery({
    queryKey: ['stock', 'governorates'],
    queryFn: () => ok(api.GET('/api/v1/stock/governorates')),
  });
  const row = rollup.data?.governorates.find((g) => g.governorate === name);
  return (
    <Stack>
      <Title order={2}>{t('governorate.title', { name: governorateName(name, language) })}</Title>
      {row && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <KpiTile
            id="gov-days"
            label={t('table.days')}
            value={formatDays(language, row.daysOfSupply)}
            raw={row.daysOfSupply}
          />
          <KpiTile
            id="gov-on-hand"
            label={t('kpi.onHand')}
            value={t('kpi.litres', { value: formatNumber(language, row.onHandLitres) })}
            raw={row.onHandLitres}
          />
          <KpiTile
            id="gov-need"
            label={t('table.need')}
            value={formatNumber(language, row.needLitresPerDay)}
            raw={row.needLitresPerDay}
          />
          <KpiTile
            id="gov-to-send"
            label={t('table.toSend')}
            value={formatNumber(language, row.toSendCylinders)}
            raw={row.toSendCylinders}
          />
        </SimpleGrid>
      )}
      <Loadable query={stock}>
        {(list) => {
          const mine = list.items.find((g) => g.governorate === name);
          return (
            <StockTable
              title={t('governorate.stock')}
              csvName={`stock-${name}`}
              rows={mine?.bySize ?? []}
            />
          );
        }}
      </Loadable>
      <Loadable query={hospitals}>
        {(page) => (
          <>
            <DaysByHospitalChart rows={page.items} />
            <RiskTable rows={page.items} title={t('governorate.hospitals')} />
          </>
        )}
      </Loadable>
    </Stack>
  );
}

const CHART_DAYS_CAP = 30;

/** One bar per hospital, fewest days first; unknown days are left out, long ones capped. */
export function daysByHospital(rows: HospitalSupply[], cap = CHART_DAYS_CAP) {
  return rows
    .filter((row) => row.daysOfSupply !== null)
    .sort((a, b) => (a.daysOfSupply ?? 0) - (b.daysOfSupply ?? 0))
    .map((row) => ({
      hospital: row.name,
      days: Number(Math.min(row.daysOfSupply ?? 0, cap).toFixed(2)),
    }));
}

/**
 * In the reader's digits, and in Arabic and Kurdish right to left: the hospitals' names on the
 * right and the bars growing leftwards from them (Recharts does not mirror a chart by itself).
 */
function DaysByHospitalChart({ rows }: { rows: HospitalSupply[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const data = daysByHospital(rows);
  // the tooltip as the tables show days; the axis's ticks (0.25 …) with two decimals
  const direction = chartDirectionProps(language, (days) => formatDays(language, days));
  return (
    <Paper withBorder p="md" data-testid="gov-days-chart">
      <Title order={3} mb="xs">
        {t('governorate.daysChart', { cap: formatNumber(language, CHART_DAYS_CAP) })}
      </Title>
      <BarChart
        h={Math.max(160, 28 * data.length + 40)}
        data={data}
        dataKey="hospital"
        orientation="vertical"
        {...direction}
        xAxisProps={{
          ...direction.xAxisProps,
          tickFormatter: (days: number) => formatNumber(language, days, 2),
        }}
        yAxisProps={{ ...direction.yAxisProps, width: 160 }}
        series={[{ name: 'days', label: t('table.days'), color: 'teal.6' }]}
      />
    </Paper>
  );
}
