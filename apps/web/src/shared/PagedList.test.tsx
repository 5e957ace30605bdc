import { Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../test-support';
import { PagedList } from './PagedList';

const answered = <T,>(data: T) => ({ isPending: false, isError: false, data }) as UseQueryResult<T>;

describe('a paged list', () => {
  it('says so in a sentence when the page is empty, with no table', () => {
    renderInApp(
      <PagedList
        query={answered({ items: [] as string[] })}
        headers={['When']}
        empty="No notifications."
        emptyTestId="inbox-empty"
        testId="inbox"
      >
        {(item) => <Table.Tr key={item} />}
      </PagedList>,
    );
    expect(screen.getByTestId('inbox-empty').textContent).toBe('No notifications.');
    expect(screen.queryByTestId('inbox')).toBeNull();
  });

  it('draws a row an item under the headers, the buttons column named for screen readers', () => {
    renderInApp(
      <PagedList
        query={answered(['a', 'b'])}
        headers={['When', 'What']}
        withActions
        empty="none"
        testId="list"
      >
        {(item) => (
          <Table.Tr key={item} data-testid="row">
            <Table.Td>{item}</Table.Td>
          </Table.Tr>
        )}
      </PagedList>,
    );
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'When',
      'What',
      'Action',
    ]);
    expect(screen.getAllByTestId('row').map((row) => row.textContent)).toEqual(['a', 'b']);
  });
});
