import { Button, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, postJson } from '../api/client';
import type { Page, ScanConflict } from '../api/views';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { usePagedQuery } from '../shared/use-paged-query';
import { useSaving } from '../shared/use-saving';

export const SCAN_CONFLICT_RESOLUTIONS = ['corrected', 'dismissed'] as const;
export type ScanConflictResolution = (typeof SCAN_CONFLICT_RESOLUTIONS)[number];

/** The serials a refused offline confirmation named: delivered and collected. */
export function conflictSerials(conflict: ScanConflict): string[] {
  const listed = (key: string) => {
    const value = conflict.report[key];
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
  };
  return [...listed('delivered'), ...listed('collected'), ...listed('serials')];
}

/** Why the ledger refused it, in the api's words. */
export function conflictRefusal(conflict: ScanConflict): string {
  const message = conflict.refusal.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : String(conflict.refusal.error ?? '');
}

/**
 * Offline confirmations the ledger refused, oldest first: a dispatcher (or admin) resolves each
 * with a note, saying whether the ledger was put right or the report was wrong.
 */
export function ScanConflicts({ mayResolve }: { mayResolve: boolean }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { query: conflicts, paging } = usePagedQuery(['scan-conflicts'], (page, pageSize) =>
    getJson<Page<ScanConflict>>('/scan-conflicts', { page, pageSize }),
  );
  return (
    <Loadable query={conflicts}>
      {(page) => (
        <DataTable
          testId="scan-conflicts"
          title={t('plans.conflicts')}
          csvName="scan-conflicts"
          rows={page.items}
          rowKey={(row) => row.conflictId}
          paging={paging(page)}
          columns={[
            {
              key: 'when',
              header: t('table.when'),
              value: (row) => row.occurredAt,
              render: (row) => formatDateTime(language, row.occurredAt),
            },
            { key: 'trip', header: t('plans.trip'), value: (row) => row.tripId.slice(0, 8) },
            { key: 'facility', header: t('table.facility'), value: (row) => row.facilityId },
            {
              key: 'serials',
              header: t('plans.serials'),
              value: (row) => conflictSerials(row).join(' '),
            },
            { key: 'reason', header: t('plans.refusal'), value: (row) => conflictRefusal(row) },
            ...(mayResolve
              ? [
                  {
                    key: 'resolve',
                    header: t('plans.resolution'),
                    value: () => '',
                    render: (row: ScanConflict) => <ResolveConflict conflict={row} />,
                  },
                ]
              : []),
          ]}
        />
      )}
    </Loadable>
  );
}

function ResolveConflict({ conflict }: { conflict: ScanConflict }) {
  const { t } = useTranslation();
  const [resolution, setResolution] = useState<ScanConflictResolution>('corrected');
  const [note, setNote] = useState('');
  const resolve = useSaving(
    () =>
      postJson(`/scan-conflicts/${encodeURIComponent(conflict.conflictId)}/resolve`, {
        resolution,
        note: note.trim(),
      }),
    [['scan-conflicts'], ['reconciliation']],
  );
  const short = conflict.conflictId.slice(0, 8);
  return (
    <Stack gap={2}>
      <Stack
        gap={4}
        miw={240}
        component="form"
        data-testid="resolve-conflict"
        data-conflict={conflict.conflictId}
        onSubmit={(e) => {
          e.preventDefault();
          resolve.mutate();
        }}
      >
        <NativeSelect
          size="xs"
          name="resolution"
          aria-label={t('plans.resolutionOf', { id: short })}
          data={SCAN_CONFLICT_RESOLUTIONS.map((value) => ({
            value,
            label: t(`plans.resolutions.${value}`),
          }))}
          value={resolution}
          onChange={(e) => setResolution(e.currentTarget.value as ScanConflictResolution)}
        />
        <TextInput
          size="xs"
          name="note"
          aria-label={t('plans.noteOf', { id: short })}
          placeholder={t('alerts.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          required
          maxLength={500}
        />
        <Button size="xs" type="submit" loading={resolve.isPending}>
          {t('alerts.resolve')}
        </Button>
      </Stack>
      {resolve.isError && (
        <Text c="red" size="xs" role="alert">
          {resolve.error.message}
        </Text>
      )}
    </Stack>
  );
}
