// The page walker on its own: which pages it asks for, and when it stops.
import { describe, expect, it } from 'vitest';
import { iteratePages } from '../../../src/platforms/offerslook/paging.js';
import type { ListPage } from '../../../src/platforms/offerslook/wire/index.js';

function pages(
  contents: number[][],
  totalPages: number | undefined,
): { asked: number[]; fetch: (offset: number) => Promise<ListPage<number>> } {
  const asked: number[] = [];
  return {
    asked,
    fetch: (offset) => {
      asked.push(offset);
      return Promise.resolve({
        rows: contents[offset - 1] ?? [],
        offset,
        limit: 2,
        totalPages,
        totalRows: undefined,
      });
    },
  };
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('iteratePages', () => {
  it('asks for pages 1..totalPages and no further', async () => {
    // A fourth page exists, but the platform said there are three: it is not asked for.
    const source = pages([[1, 2], [3, 4], [5], [6]], 3);
    expect(await collect(iteratePages(source.fetch))).toEqual([1, 2, 3, 4, 5]);
    expect(source.asked).toEqual([1, 2, 3]);
  });

  it('stops on an empty page even when totalPages promises more', async () => {
    const source = pages([[1, 2], []], 5);
    expect(await collect(iteratePages(source.fetch))).toEqual([1, 2]);
    expect(source.asked).toEqual([1, 2]);
  });

  it('walks until an empty page when the platform sends no totalPages', async () => {
    const source = pages([[1, 2], [3, 4], [5]], undefined);
    expect(await collect(iteratePages(source.fetch))).toEqual([1, 2, 3, 4, 5]);
    expect(source.asked).toEqual([1, 2, 3, 4]);
  });

  it('asks for one page of an empty list', async () => {
    const source = pages([], 0);
    expect(await collect(iteratePages(source.fetch))).toEqual([]);
    expect(source.asked).toEqual([1]);
  });

  it('asks for nothing more once the consumer stops', async () => {
    const source = pages(
      [
        [1, 2],
        [3, 4],
      ],
      2,
    );
    for await (const row of iteratePages(source.fetch)) if (row === 1) break;
    expect(source.asked).toEqual([1]);
  });
});
