import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { DataTable } from '../shared/DataTable';

const STATUSES = ['FULL', 'IN_USE', 'EMPTY', 'IN_TRANSIT', 'QUARANTINED', 'LOST'];

interface SizeRow {
  sizeCode: string;
  cylinders: number;
  oxygenLitres: number;
  byStatus: Record<string, number> | Record<string, never>;
}

/** Cylinders per size and state, with the oxygen in the full ones. */
export function StockTable({
  rows,
  csvName,
  title,
}: {
  rows: SizeRow[];
  csvName: string;
  title: string;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <DataTable
      testId="stock-table"
      title={title}
      csvName={csvName}
      rows={rows}
      rowKey={(row) => row.sizeCode}
      columns={[
        { key: 'size', header: t('table.size'), value: (row) => row.sizeCode },
        ...STATUSES.map((status) => ({
          key: status,
          header: t(`status.${status}`),
          value: (row: SizeRow) => (row.byStatus as Record<string, number>)[status] ?? 0,
          render: (row: SizeRow) =>
            formatNumber(language, (row.byStatus as Record<string, number>)[status] ?? 0),
        })),
        {
          key: 'count',
          header: t('table.count'),
          value: (row) => row.cylinders,
          render: (row) => formatNumber(language, row.cylinders),
        },
        {
          key: 'oxygen',
          header: t('table.oxygen'),
          value: (row) => row.oxygenLitres,
          render: (row) => formatNumber(language, row.oxygenLitres),
        },
      ]}
    />
  );
}
