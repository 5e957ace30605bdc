import { BarChart } from '@mantine/charts';
import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, postJson } from '../api/client';
import type { LotFills, Page, Plant } from '../api/views';
import { formatDate, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { chartDirectionProps } from './chart-direction';
import { DataTable, numberColumn } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { MutationNote } from './HospitalPage';
import { RecallLotButton } from './LotRecall';

const LOT_DAYS = 30;

/** QC of each lot filled in the last month, from `GET /fills/lots`: a chart and its table. */
/** With `onRecalled`, each lot can be recalled; it gets the lot once the recall is done. */
export function LotQcPanel({
  plantId,
  onRecalled,
}: {
  plantId?: string;
  onRecalled?: (lot: string) => void;
}) {
  const { t } = useTranslation();
  const from = new Date(Date.now() - (LOT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const lots = useQuery({
    queryKey: ['fills', 'lots', plantId ?? 'all', from],
    queryFn: () => getJson<Page<LotFills>>('/fills/lots', { plantId, from, pageSize: 200 }),
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="xs">
        {t('producer.qc')}
      </Title>
      <Loadable query={lots}>
        {(page) => <LotQcTable lots={page.items} onRecall={onRecalled} />}
      </Loadable>
    </Paper>
  );
}

/** With `onRecall`, each lot has a Recall button; `onRecall` gets the lot once recalled. */
export function LotQcTable({
  lots,
  onRecall,
}: {
  lots: LotFills[];
  onRecall?: (lot: string) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const chart = lots
    .slice(0, 12)
    .reverse()
    .map((row) => ({ lot: row.lot, passed: row.passed, failed: row.qcFailures }));
  return (
    <Stack gap="xs">
      <BarChart
        h={180}
        data-testid="lots-chart"
        data={chart}
        dataKey="lot"
        type="stacked"
        withLegend
        {...chartDirectionProps(language)}
        series={[
          { name: 'passed', label: t('producer.passed'), color: 'teal.6' },
          { name: 'failed', label: t('producer.qcFailures'), color: 'red.6' },
        ]}
      />
      <DataTable
        testId="lots-table"
        title={t('producer.lots')}
        csvName="lots-qc"
        rows={lots}
        rowKey={(row) => `${row.plantId}/${row.lot}`}
        columns={[
          { key: 'lot', header: t('producer.lot'), value: (row) => row.lot },
          { key: 'plant', header: t('table.facility'), value: (row) => row.plantId },
          numberColumn('passed', t('producer.passed'), (row: LotFills) => row.passed, language),
          {
            key: 'failed',
            header: t('producer.qcFailures'),
            value: (row) => row.qcFailures,
            render: (row) => (
              <span style={row.qcFailures > 0 ? { color: 'var(--mantine-color-red-8)' } : {}}>
                {formatNumber(language, row.qcFailures)}
              </span>
            ),
          },
          {
            key: 'purity',
            header: t('producer.purity'),
            value: (row) =>
              `${formatNumber(language, row.minPurityPercent)}–${formatNumber(language, row.maxPurityPercent)}`,
          },
          {
            key: 'last',
            header: t('producer.lastFilled'),
            value: (row) => row.lastFilledAt.slice(0, 10),
            render: (row) => formatDate(language, row.lastFilledAt),
          },
          ...(onRecall
            ? [
                {
                  key: 'recall',
                  header: t('recall.recall'),
                  value: () => '',
                  render: (row: LotFills) => <RecallLotButton lot={row} onRecalled={onRecall} />,
                },
              ]
            : []),
        ]}
      />
    </Stack>
  );
}

export type PlantStatus = Plant['status'];

/** The body of `POST /plants/{id}/status`: the share left only when degraded, a reason unless running. */
export function plantStatusBody(status: PlantStatus, capacityPercent: number, reason: string) {
  if (status === 'running') return { status };
  if (status === 'degraded') return { status, capacityPercent, reason: reason.trim() };
  return { status, reason: reason.trim() };
}

/** The plant's staff (or an admin) say it runs, runs degraded at a share, or is down, and why. */
export function PlantStatusForm({ plant }: { plant: Plant }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<PlantStatus>(plant.status);
  const [capacity, setCapacity] = useState<number>(
    plant.status === 'degraded' ? plant.capacityPercent : 50,
  );
  const [reason, setReason] = useState(plant.reason ?? '');
  const change = useMutation({
    mutationFn: () =>
      postJson(
        `/plants/${encodeURIComponent(plant.facilityId)}/status`,
        plantStatusBody(status, capacity, reason),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plants'] }),
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      data-testid="plant-status-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        change.mutate();
      }}
    >
      <Title order={3}>{t('producer.changeStatus')}</Title>
      <Stack gap="xs">
        <Group align="end">
          <NativeSelect
            name="status"
            label={t('table.status')}
            data={(['running', 'degraded', 'down'] as const).map((value) => ({
              value,
              label: t(`producer.status.${value}`),
            }))}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as PlantStatus)}
          />
          {status === 'degraded' && (
            <NumberInput
              name="capacityPercent"
              label={t('producer.capacityLeft')}
              value={capacity}
              onChange={(v) => setCapacity(Number(v))}
              min={1}
              max={99}
              w={140}
            />
          )}
        </Group>
        {status !== 'running' && (
          <TextInput
            name="reason"
            label={t('plans.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
          />
        )}
        <Button type="submit" loading={change.isPending}>
          {t('producer.submit')}
        </Button>
        <MutationNote mutation={change} />
      </Stack>
    </Paper>
  );
}
