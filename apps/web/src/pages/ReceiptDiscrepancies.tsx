import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson } from '../api/client';
import type { components } from '../api/schema';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';

type Receipt = components['schemas']['DeliveryReceiptView'];

/** Deliveries a hospital counted differently from the driver: what is missing, what is extra. */
export function ReceiptDiscrepancies() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const receipts = useQuery({
    queryKey: ['reconciliation', 'receipts'],
    queryFn: () => getJson<Receipt[]>('/reconciliation/receipts', { discrepancies: true }),
  });
  return (
    <Loadable query={receipts}>
      {(rows) => (
        <DataTable
          title={t('plans.receiptDiscrepancies')}
          csvName="receipt-discrepancies"
          rows={rows}
          rowKey={(row) => `${row.tripId}-${row.facilityId}`}
          columns={[
            { key: 'trip', header: t('plans.trip'), value: (row) => row.tripId },
            { key: 'facility', header: t('table.facility'), value: (row) => row.facilityId },
            { key: 'missing', header: t('plans.missing'), value: (row) => row.missing.join(' ') },
            {
              key: 'unexpected',
              header: t('plans.unexpected'),
              value: (row) => row.unexpected.join(' '),
            },
            {
              key: 'when',
              header: t('table.when'),
              value: (row) => row.confirmedAt,
              render: (row) => formatDateTime(language, row.confirmedAt),
            },
          ]}
        />
      )}
    </Loadable>
  );
}
