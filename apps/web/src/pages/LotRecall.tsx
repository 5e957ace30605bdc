import {
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, postJson } from '../api/client';
import type { LotFills, LotRecallReport } from '../api/views';
import { formatList, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { useSaving } from '../shared/use-saving';
import { KpiTile } from '../supply/KpiTile';

/** Cylinders a recall of this lot reaches: every one filled with it, passed QC or not. */
export function lotCylinders(lot: Pick<LotFills, 'passed' | 'qcFailures'>): number {
  return lot.passed + lot.qcFailures;
}

/**
 * Recall a lot: a dialog names the lot and how many cylinders it quarantines wherever they are,
 * and asks why; the recall report is shown once it is done.
 */
export function RecallLotButton({
  lot,
  onRecalled,
}: {
  lot: LotFills;
  onRecalled: (lot: string) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const recall = useSaving(
    () =>
      postJson<LotRecallReport>(`/lots/${encodeURIComponent(lot.lot)}/recall`, {
        reason: reason.trim(),
      }),
    'all',
    (report) => {
      setOpen(false);
      onRecalled(report.lot);
    },
  );
  const count = formatNumber(language, lotCylinders(lot));
  return (
    <>
      <Button
        size="compact-sm"
        color="red"
        variant="light"
        aria-label={t('recall.recallLot', { lot: lot.lot })}
        onClick={() => setOpen(true)}
      >
        {t('recall.recall')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('recall.confirmTitle', { lot: lot.lot })}
        closeButtonProps={{ 'aria-label': t('recall.close') }}
      >
        <form
          data-testid="recall-dialog"
          onSubmit={(e) => {
            e.preventDefault();
            recall.mutate();
          }}
        >
          <Stack gap="sm">
            <Text data-testid="recall-warning">
              {t('recall.confirmText', { lot: lot.lot, count })}
            </Text>
            <Textarea
              name="reason"
              label={t('recall.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              maxLength={500}
              rows={3}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('admin.cancel')}
              </Button>
              <Button type="submit" color="red" loading={recall.isPending}>
                {t('recall.confirm', { count })}
              </Button>
            </Group>
            {recall.isError && (
              <Text c="red" size="sm" role="alert">
                {recall.error.message}
              </Text>
            )}
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** The recall report of a lot: figures, the hospitals that received it, and each cylinder. */
export function RecallReport({ lot, onClose }: { lot: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const report = useQuery({
    queryKey: ['recall', lot],
    queryFn: () => getJson<LotRecallReport>(`/lots/${encodeURIComponent(lot)}/recall`),
  });
  return (
    <Paper withBorder p="md" data-testid="recall-report" data-lot={lot}>
      <Group justify="space-between" mb="xs">
        <Title order={3}>{t('recall.reportTitle', { lot })}</Title>
        <Button size="xs" variant="default" onClick={onClose}>
          {t('recall.close')}
        </Button>
      </Group>
      <Loadable query={report}>
        {(r) => (
          <Stack gap="sm">
            <Text size="sm">
              {t('recall.reasonWas', { reason: r.reason })} —{' '}
              {t(r.status === 'completed' ? 'recall.completed' : 'recall.inProgress')}
            </Text>
            <SimpleGrid cols={{ base: 2, md: 5 }}>
              {(
                [
                  ['cylinders', r.cylinderCount],
                  ['quarantined', r.quarantined + r.alreadyQuarantined],
                  ['emptied', r.emptied],
                  ['exposed', r.possiblyExposed],
                  ['hospitals', r.hospitalsReceived.length],
                ] as const
              ).map(([key, value]) => (
                <KpiTile
                  key={key}
                  id={`recall-${key}`}
                  label={t(`recall.figures.${key}`)}
                  value={formatNumber(language, value)}
                  raw={value}
                />
              ))}
            </SimpleGrid>
            {r.hospitalsReceived.length > 0 && (
              <Text size="sm">
                {t('recall.hospitals')}:{' '}
                {formatList(
                  language,
                  r.hospitalsReceived.map((h) => h.name),
                )}
              </Text>
            )}
            <DataTable
              testId="recall-cylinders"
              csvName={`recall-${lot}`}
              rows={r.cylinders}
              rowKey={(row) => row.serial}
              columns={[
                { key: 'serial', header: t('plans.serials'), value: (row) => row.serial },
                {
                  key: 'outcome',
                  header: t('recall.outcome'),
                  value: (row) => row.outcome,
                  render: (row) => t(`recall.outcomes.${row.outcome}`),
                },
                {
                  key: 'status',
                  header: t('table.status'),
                  value: (row) => row.statusWhenRecalled,
                  render: (row) => t(`status.${row.statusWhenRecalled}`),
                },
                {
                  key: 'where',
                  header: t('cylinder.location'),
                  value: (row) =>
                    row.location === null
                      ? ''
                      : row.location.kind === 'trip'
                        ? `${t('plans.trip')} ${row.location.tripId.slice(0, 8)}`
                        : row.location.name,
                },
                {
                  key: 'exposed',
                  header: t('recall.figures.exposed'),
                  value: (row) => (row.possiblyExposed ? t('common.yes') : t('common.no')),
                },
              ]}
            />
          </Stack>
        )}
      </Loadable>
    </Paper>
  );
}
