import { Button, Group, Pagination, ScrollArea, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';
import { useLanguage } from '../i18n/use-language';
import { formatDays, formatNumber } from '../i18n/format';
import { governorateName } from '../i18n/governorates';
import { type CsvValue, downloadCsv } from './csv';

export interface Column<Row> {
  key: string;
  header: string;
  /** What the cell shows; defaults to the CSV value. */
  render?: (row: Row) => ReactNode;
  /** The raw value exported (numbers unformatted, so a spreadsheet can sum them). */
  value: (row: Row) => CsvValue;
}

/**
 * A number: exported as a plain number (whole unless `decimals` are asked for), so a spreadsheet
 * can sum it, and shown in the reader's digits.
 */
export function numberColumn<Row>(
  key: string,
  header: string,
  get: (row: Row) => number,
  language: Language,
  decimals = 0,
): Column<Row> {
  return {
    key,
    header,
    value: (row) => Number(get(row).toFixed(decimals)),
    render: (row) => formatNumber(language, get(row), decimals),
  };
}

/** Days of supply: two decimals exported, one shown; blank when there is no need to divide by. */
export function daysColumn<Row>(
  header: string,
  get: (row: Row) => number | null,
  language: Language,
): Column<Row> {
  return {
    key: 'days',
    header,
    value: (row) => {
      const days = get(row);
      return days === null ? '' : Number(days.toFixed(2));
    },
    render: (row) => formatDays(language, get(row)),
  };
}

/**
 * A governorate: shown by its name in the reader's language, exported by its canonical key
 * (`Dhi Qar`, not "ذي قار"), as the api and other systems reading the CSV know it.
 */
export function governorateColumn<Row>(
  key: string,
  header: string,
  get: (row: Row) => string | null | undefined,
  language: Language,
): Column<Row> {
  return {
    key,
    header,
    value: (row) => get(row) ?? '',
    render: (row) => governorateName(get(row) ?? '', language),
  };
}

/** Every table of the app: a title, the rows, and "Export CSV" of exactly what is listed. */
/**
 * A list longer than one page of the api: which page is shown, how many rows there are in all,
 * and every row for the CSV (which should hold the list, not the page on screen).
 */
export interface Paging<Row> {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  allRows: () => Promise<Row[]>;
}

export function DataTable<Row>({
  title,
  columns,
  rows,
  rowKey,
  csvName,
  testId,
  actions,
  initialRows,
  paging,
}: {
  title?: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  csvName: string;
  testId?: string;
  actions?: ReactNode;
  /** Draws only the first rows until the reader asks for all (the CSV has them all). */
  initialRows?: number;
  paging?: Paging<Row>;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [showAll, setShowAll] = useState(false);
  const [exporting, setExporting] = useState(false);
  const shown = showAll || initialRows === undefined ? rows : rows.slice(0, initialRows);
  return (
    <section data-testid={testId} aria-label={title}>
      <Group justify="space-between" mb="xs">
        {title ? <Title order={3}>{title}</Title> : <span />}
        <Group gap="xs">
          {actions}
          <Button
            size="xs"
            variant="default"
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              try {
                const all = paging ? await paging.allRows() : rows;
                downloadCsv(
                  `${csvName}.csv`,
                  columns.map((column) => column.header),
                  all.map((row) => columns.map((column) => column.value(row))),
                );
              } finally {
                setExporting(false);
              }
            }}
          >
            {t('table.exportCsv')}
          </Button>
        </Group>
      </Group>
      <ScrollArea>
        <Table striped highlightOnHover withTableBorder>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} scope="col">
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={rowKey(row)} data-row={rowKey(row)}>
                {columns.map((column) => (
                  <Table.Td key={column.key}>
                    {column.render ? column.render(row) : String(column.value(row) ?? '')}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {shown.length < rows.length && (
        <Button size="xs" variant="subtle" mt="xs" onClick={() => setShowAll(true)}>
          {t('table.showAll', { count: rows.length })}
        </Button>
      )}
      {paging && paging.total > paging.pageSize && (
        <Group justify="space-between" mt="xs" data-testid="table-paging">
          <Text size="sm" c="dimmed">
            {t('table.rowsOf', {
              from: formatNumber(language, (paging.page - 1) * paging.pageSize + 1),
              to: formatNumber(language, (paging.page - 1) * paging.pageSize + rows.length),
              total: formatNumber(language, paging.total),
            })}
          </Text>
          <Pagination
            size="sm"
            value={paging.page}
            total={Math.ceil(paging.total / paging.pageSize)}
            onChange={paging.onPage}
            getItemProps={(page) => ({ children: formatNumber(language, page) })}
            getControlProps={(control) => ({
              'aria-label': control === 'next' ? t('table.nextPage') : t('table.previousPage'),
            })}
          />
        </Group>
      )}
      {rows.length === 0 && (
        <Text c="dimmed" size="sm" mt="xs">
          {t('table.empty')}
        </Text>
      )}
    </section>
  );
}
