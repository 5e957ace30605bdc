import type { TFunction } from 'i18next';
import type { Column } from '../shared/DataTable';

/** A cylinder event's name in the reader's language ("Delivered"); its type when unknown. */
export function cylinderEventName(t: TFunction, type: string): string {
  return t(`cylinderEvent.${type}`, { defaultValue: type });
}

/** A trip's status in the reader's language ("On the road"); the status when unknown. */
export function tripStatusName(t: TFunction, status: string): string {
  return t(`tripStatus.${status}`, { defaultValue: status });
}

/** A table's trip status: named on screen, the api's value (IN_PROGRESS) in the CSV. */
export function tripStatusColumn<Row extends { status: string }>(t: TFunction): Column<Row> {
  return {
    key: 'status',
    header: t('plans.status'),
    value: (row) => row.status,
    render: (row) => tripStatusName(t, row.status),
  };
}
