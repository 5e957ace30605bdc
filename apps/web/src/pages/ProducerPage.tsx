import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, getJson, ok, postJson } from '../api/client';
import type { Page, Plant, SupplierFloatView } from '../api/views';
import { Link } from '../app/router';
import type { SessionUser } from '../auth/session';
import type { Language } from '../i18n';
import { formatDate, formatNumber, formatSizes } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { BADGE } from '../shared/colours';
import { DataTable, governorateColumn, numberColumn } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { MutationNote } from './HospitalPage';
import { RecallReport } from './LotRecall';
import { chartDirectionProps } from './chart-direction';
import { PlantCapacityForm } from './PlantCapacityForm';
import { LotQcPanel, PlantStatusForm } from './PlantQc';
import { MAY_OPEN_HELP_REQUESTS } from '../partners/partner-views';
import { PlantHelpOffer } from '../partners/PlantHelpOffer';

const STATUS_COLOURS = { running: BADGE.good, degraded: BADGE.warning, down: BADGE.bad } as const;
const FILL_DAYS = 14;

/** Plants (all, or one), their fills per day, the supplier's float; forms at one's own plant. */
export function ProducerPage({ plantId, user }: { plantId?: string; user: SessionUser }) {
  const { t } = useTranslation();
  const plants = useQuery({ queryKey: ['plants'], queryFn: () => getJson<Page<Plant>>('/plants') });
  const plant = plants.data?.items.find((p) => p.facilityId === plantId);
  const mayOperate =
    plantId !== undefined &&
    (user.role === 'admin' || (user.role === 'producer' && user.facilityId === plantId));
  const mayRecall = mayOperate || user.role === 'dispatcher' || user.role === 'admin';
  const [recalled, setRecalled] = useState<string | null>(null);
  return (
    <Stack>
      <Title order={2}>
        {t('producer.title')}
        {plant ? `: ${plant.name}` : ''}
      </Title>
      <Loadable query={plants}>
        {(page) => (
          <PlantsTable plants={page.items.filter((p) => !plantId || p.facilityId === plantId)} />
        )}
      </Loadable>
      {plant?.helpRequestOffer && MAY_OPEN_HELP_REQUESTS.includes(user.role) && (
        <PlantHelpOffer offer={plant.helpRequestOffer} />
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <FillsChart plantId={plantId} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <LotQcPanel plantId={plantId} onRecalled={mayRecall ? setRecalled : undefined} />
        </Grid.Col>
      </Grid>
      {recalled && <RecallReport lot={recalled} onClose={() => setRecalled(null)} />}
      {mayOperate && plantId && (
        <Grid>
          {plant && (
            <Grid.Col span={{ base: 12, md: 6 }}>
              <PlantStatusForm key={`${plant.status}-${plant.statusSince}`} plant={plant} />
            </Grid.Col>
          )}
          {plant && (
            <Grid.Col span={{ base: 12, md: 6 }}>
              <PlantCapacityForm key={plant.facilityId} plant={plant} />
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, md: 6 }}>
            <RegisterForm plantId={plantId} ownerId={plant?.supplierId ?? ''} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <FillForm plantId={plantId} operatorId={user.id} />
          </Grid.Col>
        </Grid>
      )}
      {plant?.supplierId && <SupplierFloat ownerId={plant.supplierId} />}
    </Stack>
  );
}

function PlantsTable({ plants }: { plants: Plant[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <DataTable
      testId="plants-table"
      title={t('producer.plants')}
      csvName="plants"
      rows={plants}
      rowKey={(row) => row.facilityId}
      columns={[
        {
          key: 'plant',
          header: t('table.facility'),
          value: (row) => row.name,
          render: (row) => (
            <Anchor component={Link} to={`/producers/${encodeURIComponent(row.facilityId)}`}>
              {row.name}
            </Anchor>
          ),
        },
        governorateColumn(
          'governorate',
          t('table.governorate'),
          (row: Plant) => row.governorate,
          language,
        ),
        {
          key: 'status',
          header: t('table.status'),
          value: (row) => row.status,
          render: (row) => (
            <Badge color={STATUS_COLOURS[row.status]}>{t(`producer.status.${row.status}`)}</Badge>
          ),
        },
        {
          key: 'capacity',
          header: '%',
          value: (row) => row.capacityPercent,
          render: (row) =>
            t('producer.capacityPercent', { value: formatNumber(language, row.capacityPercent) }),
        },
        { key: 'reason', header: t('plans.reason'), value: (row) => row.reason ?? '' },
        {
          key: 'perDay',
          header: t('producer.fills'),
          value: (row) =>
            row.dailyFillCapacity.map((c) => `${c.sizeCode} ${c.cylindersPerDay}`).join(', '),
          render: (row) =>
            formatSizes(
              language,
              row.dailyFillCapacity.map((c) => [c.sizeCode, c.cylindersPerDay] as const),
            ),
        },
      ]}
    />
  );
}

/**
 * The fills chart's bars: cylinders filled per day and size, oldest day first, each day as the
 * app writes dates in the reader's language (and digits).
 */
export function fillsByDay(
  items: readonly { day: string; sizeCode: string; cylinders: number }[],
  language: Language,
) {
  const sizes = [...new Set(items.map((row) => row.sizeCode))].sort();
  const byDay = new Map<string, Record<string, number | string>>();
  for (const row of [...items].sort((a, b) => a.day.localeCompare(b.day))) {
    const day = byDay.get(row.day) ?? { day: formatDate(language, row.day) };
    day[row.sizeCode] = Number(day[row.sizeCode] ?? 0) + row.cylinders;
    byDay.set(row.day, day);
  }
  return { sizes, days: [...byDay.values()] };
}

function FillsChart({ plantId }: { plantId?: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const from = new Date(Date.now() - (FILL_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const fills = useQuery({
    queryKey: ['fills', 'daily', plantId ?? 'all', from],
    queryFn: () =>
      ok(api.GET('/api/v1/fills/daily', { params: { query: { plantId, from, pageSize: 200 } } })),
  });
  return (
    <Paper withBorder p="md" data-testid="fills-chart">
      <Title order={3} mb="xs">
        {t('producer.fills')}
      </Title>
      <Loadable query={fills}>
        {(page) => {
          const { sizes, days } = fillsByDay(page.items, language);
          const colours = ['teal.6', 'blue.6', 'grape.6', 'orange.6'];
          return (
            <BarChart
              h={220}
              data={days}
              dataKey="day"
              type="stacked"
              {...chartDirectionProps(language)}
              series={sizes.map((size, i) => ({ name: size, color: colours[i % colours.length] }))}
            />
          );
        }}
      </Loadable>
    </Paper>
  );
}

/** The platform's gas grades (`libs/domain/src/gas-grade`): PSA plants fill 93 %, liquid sources 99.5 %. */
const GAS_GRADES = ['oxygen-93', 'oxygen-99.5'] as const;

function serialsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

function RegisterForm({ plantId, ownerId }: { plantId: string; ownerId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [serials, setSerials] = useState('');
  const [sizeCode, setSizeCode] = useState('J');
  const [gasGrade, setGasGrade] = useState<string>(GAS_GRADES[0]);
  const [lastTestDate, setLastTestDate] = useState(new Date().toISOString().slice(0, 10));
  const register = useMutation({
    mutationFn: () =>
      postJson('/cylinders', {
        facilityId: plantId,
        cylinders: serialsOf(serials).map((serial) => ({
          serial,
          sizeCode,
          ownerId,
          gasGrade,
          manufactureDate: lastTestDate,
          lastTestDate,
        })),
      }),
    onSuccess: () => {
      setSerials('');
      void queryClient.invalidateQueries();
    },
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      data-testid="register-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        register.mutate();
      }}
    >
      <Title order={3}>{t('producer.register')}</Title>
      <Stack gap="xs">
        <Textarea
          name="serials"
          label={t('producer.serials')}
          value={serials}
          onChange={(e) => setSerials(e.currentTarget.value)}
          autosize
          minRows={3}
          required
        />
        <Group>
          <NativeSelect
            label={t('producer.sizeCode')}
            data={['D', 'E', 'F', 'J']}
            value={sizeCode}
            onChange={(e) => setSizeCode(e.currentTarget.value)}
          />
          <NativeSelect
            name="gasGrade"
            label={t('producer.gasGrade')}
            data={[...GAS_GRADES]}
            value={gasGrade}
            onChange={(e) => setGasGrade(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('producer.testDate')}
            value={lastTestDate}
            onChange={(e) => setLastTestDate(e.currentTarget.value)}
          />
        </Group>
        <Button type="submit" loading={register.isPending}>
          {t('producer.submit')}
        </Button>
        <MutationNote mutation={register} />
      </Stack>
    </Paper>
  );
}

function FillForm({ plantId, operatorId }: { plantId: string; operatorId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [serials, setSerials] = useState('');
  const [lot, setLot] = useState(`LOT-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`);
  const [purity, setPurity] = useState<number>(93);
  const [pressure, setPressure] = useState<number>(137);
  const fill = useMutation({
    mutationFn: () =>
      postJson('/cylinders/fills', {
        plantId,
        operatorId,
        lot,
        purityPercent: purity,
        pressureBar: pressure,
        serials: serialsOf(serials),
      }),
    onSuccess: () => {
      setSerials('');
      void queryClient.invalidateQueries();
    },
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        fill.mutate();
      }}
    >
      <Title order={3}>{t('producer.fill')}</Title>
      <Stack gap="xs">
        <Textarea
          label={t('producer.serials')}
          value={serials}
          onChange={(e) => setSerials(e.currentTarget.value)}
          autosize
          minRows={3}
          required
        />
        <Group>
          <TextInput
            label={t('producer.lot')}
            value={lot}
            onChange={(e) => setLot(e.currentTarget.value)}
            required
          />
          <NumberInput
            label={t('producer.purity')}
            value={purity}
            onChange={(v) => setPurity(Number(v))}
            decimalScale={1}
            w={110}
          />
          <NumberInput
            label={t('producer.pressure')}
            value={pressure}
            onChange={(v) => setPressure(Number(v))}
            w={110}
          />
        </Group>
        <Button type="submit" loading={fill.isPending}>
          {t('producer.submit')}
        </Button>
        <MutationNote mutation={fill} />
      </Stack>
    </Paper>
  );
}

type FloatRow = SupplierFloatView['locations'][number];

function SupplierFloat({ ownerId }: { ownerId: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const float = useQuery({
    queryKey: ['float', ownerId],
    queryFn: () =>
      ok(api.GET('/api/v1/suppliers/{ownerId}/float', { params: { path: { ownerId } } })),
  });
  return (
    <Loadable query={float}>
      {(view) => (
        <DataTable
          testId="float-table"
          title={`${t('producer.float')} (${ownerId})`}
          csvName={`float-${ownerId}`}
          rows={view.locations}
          rowKey={(row) => row.locationId}
          columns={[
            {
              key: 'where',
              header: t('cylinder.location'),
              value: (row) => row.name ?? row.locationId,
            },
            {
              key: 'category',
              header: t('table.status'),
              value: (row) => row.category,
              render: (row) => t(`producer.where.${row.category}`),
            },
            numberColumn('count', t('table.count'), (row: FloatRow) => row.cylinders, language),
            numberColumn(
              'average',
              t('producer.days'),
              (row: FloatRow) => row.averageDaysHere,
              language,
              1,
            ),
            numberColumn(
              'longest',
              t('producer.longestHeld'),
              (row: FloatRow) => row.longestDaysHere,
              language,
              1,
            ),
          ]}
        />
      )}
    </Loadable>
  );
}
