// Every item of a run, spooled to a temporary file as JSON lines, so the CLI can print the full
// plan at the end without holding a large network's items in memory.
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ReconcileItem } from '../../sync/reconcile/types.js';

export class ItemSpool {
  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly out: WriteStream,
  ) {}

  static async open(): Promise<ItemSpool> {
    const dir = await mkdtemp(join(tmpdir(), 'offer-sync-reconcile-'));
    const file = join(dir, 'items.jsonl');
    return new ItemSpool(dir, file, createWriteStream(file));
  }

  async append(item: ReconcileItem): Promise<void> {
    if (!this.out.write(`${JSON.stringify(item)}\n`)) await once(this.out, 'drain');
  }

  /** Ends writing, then reads every item back in order. */
  async *read(): AsyncGenerator<ReconcileItem> {
    if (!this.out.writableEnded) {
      this.out.end();
      await once(this.out, 'finish');
    }
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    for await (const line of lines) if (line !== '') yield JSON.parse(line) as ReconcileItem;
  }

  async dispose(): Promise<void> {
    this.out.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
