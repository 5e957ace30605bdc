import { Table, Text, VisuallyHidden } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loadable } from './Loadable';

/**
 * A list the api answers a page of, as a table: a spinner while it loads, a sentence when it is
 * empty, else a header row (the last column, the row's buttons, named for screen readers only)
 * and a row an item.
 */
export function PagedList<Item>({
  query,
  headers,
  withActions = false,
  empty,
  emptyTestId,
  testId,
  striped = true,
  children,
}: {
  query: UseQueryResult<{ items: Item[] } | Item[]>;
  headers: string[];
  withActions?: boolean;
  empty: string;
  emptyTestId?: string;
  testId: string;
  striped?: boolean;
  /** The item's `<Table.Tr>`. */
  children: (item: Item) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Loadable query={query}>
      {(page) => {
        const items = Array.isArray(page) ? page : page.items;
        return items.length === 0 ? (
          <Text data-testid={emptyTestId}>{empty}</Text>
        ) : (
          <Table data-testid={testId} striped={striped}>
            <Table.Thead>
              <Table.Tr>
                {headers.map((header) => (
                  <Table.Th key={header}>{header}</Table.Th>
                ))}
                {withActions ? (
                  <Table.Th>
                    <VisuallyHidden>{t('admin.action')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{items.map(children)}</Table.Tbody>
          </Table>
        );
      }}
    </Loadable>
  );
}
