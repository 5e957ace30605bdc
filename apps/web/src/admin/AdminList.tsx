import { Badge, Button, Group } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BADGE } from '../shared/colours';
import { type Column, DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';

interface Listed {
  id: string;
  active: boolean;
}

/**
 * One admin list (users, facilities or vehicles): its own columns, then whether the row is
 * active and an Edit button (named after the row for screen readers), exportable as CSV.
 */
export function AdminList<Row extends Listed>({
  query,
  testId,
  csvName,
  columns,
  nameOf,
  onEdit,
  rowActions,
}: {
  query: UseQueryResult<{ items: Row[] }>;
  testId: string;
  csvName: string;
  columns: Column<Row>[];
  nameOf: (row: Row) => string;
  onEdit: (row: Row) => void;
  rowActions?: (row: Row) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Loadable query={query}>
      {(page) => (
        <DataTable
          testId={testId}
          csvName={csvName}
          rows={page.items}
          rowKey={(row) => row.id}
          columns={[
            ...columns,
            {
              key: 'active',
              header: t('admin.active'),
              value: (row) => row.active,
              render: (row) => (
                <Badge color={row.active ? BADGE.good : BADGE.neutral}>
                  {row.active ? t('common.yes') : t('common.no')}
                </Badge>
              ),
            },
            {
              key: 'action',
              header: t('admin.action'),
              value: () => '',
              render: (row) => (
                <Group gap="xs" wrap="nowrap" align="start">
                  <Button
                    size="compact-sm"
                    variant="default"
                    aria-label={t('admin.editNamed', { name: nameOf(row) })}
                    onClick={() => onEdit(row)}
                  >
                    {t('admin.edit')}
                  </Button>
                  {rowActions?.(row)}
                </Group>
              ),
            },
          ]}
        />
      )}
    </Loadable>
  );
}
