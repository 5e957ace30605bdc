import {
  Anchor,
  Grid,
  NumberInput,
  SimpleGrid,
  Stack,
  Title,
  Group,
  Button,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate, useLocation } from '../app/router';
import { type HospitalSupply, LEVELS, type ReportingGap, type SupplyLevel } from '../api/views';
import { formatDateTime, formatDays, formatNumber, formatSizes } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { DataTable, daysColumn, governorateColumn, numberColumn } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { LEVEL_COLOURS } from '../supply/figures';
import { KpiTile } from '../supply/KpiTile';
import { LevelBadge } from '../supply/LevelBadge';
import {
  useFacilities,
  useFillsToday,
  useHospitalSupply,
  useNationalStock,
  useReportingGaps,
  useRollup,
} from '../supply/queries';
import { SupplyMap } from '../supply/SupplyMap';

const STATUSES = ['FULL', 'IN_USE', 'EMPTY', 'IN_TRANSIT', 'QUARANTINED', 'LOST'] as const;

/** Rows a table of the overview draws before "Show all": the worst first, a country has hundreds. */
const OVERVIEW_ROWS = 50;

export function OverviewPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { query } = useLocation();
  const levelFilter = query.get('level') as SupplyLevel | null;
  const rollup = useRollup();
  const hospitals = useHospitalSupply();
  const stock = useNationalStock();
  const fills = useFillsToday();
  const facilities = useFacilities();
  const n = (value: number, digits = 0) => formatNumber(language, value, digits);

  return (
    <Stack gap="lg">
      <Title order={2}>{t('nav.overview')}</Title>
      <Loadable query={rollup}>
        {({ national }) => (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="kpis">
            {(['low', 'critical', 'out'] as const).map((level) => (
              <KpiTile
                key={level}
                id={`hospitals-${level}`}
                label={t(`kpi.${level}`)}
                value={n(national.byLevel[level])}
                raw={national.byLevel[level]}
                colour={LEVEL_COLOURS[level]}
                onOpen={() => navigate(`/overview?level=${level}#risk`)}
              />
            ))}
            <KpiTile
              id="on-hand-litres"
              label={t('kpi.onHand')}
              value={t('kpi.litres', { value: n(national.onHandLitres) })}
              raw={national.onHandLitres}
              onOpen={() => navigate('/governorates')}
            />
            <KpiTile
              id="days-of-supply"
              label={t('kpi.days')}
              value={t('kpi.daysValue', { value: formatDays(language, national.daysOfSupply) })}
              raw={national.daysOfSupply}
              onOpen={() => navigate('/governorates')}
            />
            <Loadable query={fills}>
              {(page) => (
                <KpiTile
                  id="fills-today"
                  label={t('kpi.fillsToday')}
                  value={n(page.totalCylinders)}
                  raw={page.totalCylinders}
                  onOpen={() => navigate('/producers')}
                />
              )}
            </Loadable>
          </SimpleGrid>
        )}
      </Loadable>
      <Loadable query={stock}>
        {(national) => (
          <section aria-label={t('overview.cylindersByState')}>
            <Title order={3} mb="xs">
              {t('overview.cylindersByState')}
            </Title>
            <SimpleGrid cols={{ base: 3, sm: 4, lg: 7 }}>
              <KpiTile
                id="cylinders"
                label={t('kpi.cylinders')}
                value={n(national.cylinders)}
                raw={national.cylinders}
                onOpen={() => navigate('/cylinders')}
              />
              {STATUSES.map((status) => {
                const count = (national.byStatus as Record<string, number>)[status] ?? 0;
                return (
                  <KpiTile
                    key={status}
                    id={`cylinders-${status}`}
                    label={t(`status.${status}`)}
                    value={n(count)}
                    raw={count}
                    onOpen={() => navigate(`/cylinders?status=${status}`)}
                  />
                );
              })}
            </SimpleGrid>
          </section>
        )}
      </Loadable>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Title order={3} mb="xs">
            {t('overview.map')}
          </Title>
          <Loadable query={rollup}>
            {(figures) => (
              <SupplyMap
                governorates={figures.governorates}
                hospitals={hospitals.data?.items ?? []}
                facilities={facilities.data ?? []}
              />
            )}
          </Loadable>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <SilentHospitals />
        </Grid.Col>
      </Grid>
      <div id="risk">
        <Loadable query={hospitals}>
          {(page) => (
            <RiskTable
              rows={page.items.filter((row) => !levelFilter || row.level === levelFilter)}
              levelFilter={levelFilter}
              initialRows={OVERVIEW_ROWS}
            />
          )}
        </Loadable>
      </div>
    </Stack>
  );
}

export function RiskTable({
  rows,
  levelFilter,
  title,
  initialRows,
}: {
  rows: HospitalSupply[];
  levelFilter?: SupplyLevel | null;
  title?: string;
  initialRows?: number;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const sorted = [...rows].sort(
    (a, b) =>
      (a.daysOfSupply ?? Infinity) - (b.daysOfSupply ?? Infinity) ||
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level),
  );
  return (
    <DataTable
      testId="risk-table"
      title={title ?? t('overview.risk')}
      csvName="hospitals-by-risk"
      rows={sorted}
      rowKey={(row) => row.facilityId}
      initialRows={initialRows}
      actions={
        levelFilter ? (
          <Group gap="xs">
            <Text size="sm">{t('overview.filtered', { level: t(`level.${levelFilter}`) })}</Text>
            <Button size="xs" variant="subtle" onClick={() => navigate('/overview')}>
              {t('overview.clearFilter')}
            </Button>
          </Group>
        ) : undefined
      }
      columns={[
        {
          key: 'hospital',
          header: t('table.hospital'),
          value: (row) => row.name,
          render: (row) => (
            <Anchor component={Link} to={`/hospitals/${encodeURIComponent(row.facilityId)}`}>
              {row.name}
            </Anchor>
          ),
        },
        governorateColumn(
          'governorate',
          t('table.governorate'),
          (row: HospitalSupply) => row.governorate,
          language,
        ),
        {
          key: 'level',
          header: t('table.level'),
          value: (row) => row.level,
          render: (row) => <LevelBadge level={row.level} />,
        },
        daysColumn(t('table.days'), (row: HospitalSupply) => row.daysOfSupply, language),
        numberColumn(
          'need',
          t('table.need'),
          (row: HospitalSupply) => row.needLitresPerDay,
          language,
        ),
        numberColumn(
          'onHand',
          t('table.onHand'),
          (row: HospitalSupply) => row.onHandLitres,
          language,
        ),
        {
          key: 'toSend',
          header: t('table.toSend'),
          value: (row) => row.bySize.reduce((sum, size) => sum + size.toSendCylinders, 0),
          render: (row) =>
            formatSizes(
              language,
              row.bySize
                .filter((size) => size.toSendCylinders > 0)
                .map((size) => [size.sizeCode, size.toSendCylinders] as const),
            ) || '—',
        },
      ]}
    />
  );
}

function SilentHospitals() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [days, setDays] = useState(3);
  const gaps = useReportingGaps(days);
  return (
    <Stack gap="xs">
      <Group align="end">
        <NumberInput
          label={t('overview.silent', { days: formatNumber(language, days) })}
          description={t('overview.silentHint')}
          min={1}
          max={90}
          value={days}
          onChange={(value) => setDays(Math.max(1, Number(value) || 1))}
          w={260}
        />
      </Group>
      <Loadable query={gaps}>
        {(page) => (
          <DataTable
            testId="silent-hospitals"
            csvName={`not-reported-${days}-days`}
            rows={page.items}
            initialRows={OVERVIEW_ROWS}
            rowKey={(row) => row.facilityId}
            columns={[
              {
                key: 'hospital',
                header: t('table.hospital'),
                value: (row) => row.name,
                render: (row) => (
                  <Anchor component={Link} to={`/hospitals/${encodeURIComponent(row.facilityId)}`}>
                    {row.name}
                  </Anchor>
                ),
              },
              governorateColumn(
                'governorate',
                t('table.governorate'),
                (row: ReportingGap) => row.governorate,
                language,
              ),
              {
                key: 'last',
                header: t('table.lastReport'),
                value: (row) => latest(row.lastCensusAt, row.lastMovementAt) ?? '',
                render: (row) =>
                  formatDateTime(language, latest(row.lastCensusAt, row.lastMovementAt)),
              },
            ]}
          />
        )}
      </Loadable>
    </Stack>
  );
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
