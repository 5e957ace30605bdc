import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language';
import { DataTable, numberColumn } from '../shared/DataTable';

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
        ...STATUSES.map((status) =>
          numberColumn(
            status,
            t(`status.${status}`),
            (row: SizeRow) => (row.byStatus as Record<string, number>)[status] ?? 0,
            language,
          ),
        ),
        numberColumn('count', t('table.count'), (row: SizeRow) => row.cylinders, language),
        numberColumn('oxygen', t('table.oxygen'), (row: SizeRow) => row.oxygenLitres, language),
      ]}
    />
  );
}
