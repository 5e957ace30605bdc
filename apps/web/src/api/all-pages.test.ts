import { describe, expect, it } from 'vitest';
import { getAllPages } from './client';

describe('every page of a list', () => {
  it('gathers a country of 320 facilities from pages of 200, in order', async () => {
    const all = Array.from({ length: 320 }, (_, index) => `f${index}`);
    const asked: [number, number][] = [];
    const items = await getAllPages(async (page, pageSize) => {
      asked.push([page, pageSize]);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
    });
    expect(items).toEqual(all);
    expect(asked).toEqual([
      [1, 200],
      [2, 200],
    ]);
  });

  it('asks once when the first page holds everything, or nothing', async () => {
    let calls = 0;
    const items = await getAllPages(async () => {
      calls += 1;
      return { items: [], total: 0 };
    });
    expect(items).toEqual([]);
    expect(calls).toBe(1);
  });
});
