// Runs `task` over `items` with at most `limit` running at once, results in the items' order.
// Used where one list page needs one more request per row (each offer's events when a server
// cannot nest them): a few in flight hide latency, while every request still takes its token
// from the shared limiter, which alone decides the pace.

/** @param limit how many tasks run at once, at least 1 */
export async function mapBounded<Item, Result>(
  items: readonly Item[],
  limit: number,
  task: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await task(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // The first failure rejects the whole call; no task starts after it.
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
