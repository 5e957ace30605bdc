import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getAllPages, MAX_PAGE_SIZE } from '../api/client';
import type { Paging } from './DataTable';

/**
 * One page of a long list at a time, for a `DataTable`: the query of the page shown (the last
 * one stays on screen while the next loads) and, once it has answered, the table's `paging`.
 * Mount it anew (a React key) when the filters change, so the list starts again at page 1.
 */
export function usePagedQuery<Row>(
  queryKey: readonly unknown[],
  getPage: (page: number, pageSize: number) => Promise<{ items: Row[]; total?: number }>,
) {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: [...queryKey, page],
    queryFn: () => getPage(page, MAX_PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  const paging = (answer: { items: Row[]; total?: number }): Paging<Row> => ({
    page,
    pageSize: MAX_PAGE_SIZE,
    total: answer.total ?? answer.items.length,
    onPage: setPage,
    allRows: () => getAllPages(getPage),
  });
  return { query, paging };
}
