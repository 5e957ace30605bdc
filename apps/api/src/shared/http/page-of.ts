import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
import type { PageQuery } from '../../network/page.dto';

/**
 * One page of a list already narrowed and ordered, in the shape every list answers with
 * (`items`, `page`, `pageSize`, `total`), for lists computed in full (a few hundred rows at
 * most: hospitals, plants, flagged trips) rather than paged in SQL.
 */
export function pageOf<T>(
  items: readonly T[],
  query: PageQuery,
): { items: T[]; page: number; pageSize: number; total: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return {
    items: items.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageSize,
    total: items.length,
  };
}
