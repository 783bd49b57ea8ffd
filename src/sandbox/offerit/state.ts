// The sandbox's in-memory Offerit network: offers with their goals, commission changes (default
// ones included), affiliates, advertisers (ids and usernames only); ids handed out like the
// platform's (offers from 400, landing pages from 432, changes from 59, offer goals from 48),
// never reused after a seed.
import type { SandboxState } from '../common/index.js';
import type { StoredAdvertiser, StoredAffiliate, StoredChange, StoredOffer } from './model.js';
import { notFound } from './sandbox-failure.js';
import { seedOfferitState, snapshotOfferitState, type OfferitSnapshot } from './seed.js';

type IdKind = 'offer' | 'landingPage' | 'change' | 'offerGoal';
const FIRST_IDS: Readonly<Record<IdKind, number>> = {
  offer: 400,
  landingPage: 432,
  change: 59,
  offerGoal: 48,
};

export class OfferitSandboxState implements SandboxState {
  readonly offers = new Map<string, StoredOffer>();
  readonly affiliates = new Map<string, StoredAffiliate>();
  /** By advertiserid. */
  readonly advertisers = new Map<string, StoredAdvertiser>();
  /** Every commission change, the default ones (changeid 0) included. */
  changes: StoredChange[] = [];
  private ids: Record<IdKind, number> = { ...FIRST_IDS };

  constructor(
    /** The sandbox clock (date_added, pause dates). @defaultValue the system clock */
    readonly now: () => Date = () => new Date(),
  ) {}

  nextId(kind: IdKind): string {
    const id = this.ids[kind];
    this.ids[kind] = id + 1;
    return String(id);
  }

  /** Records that `id` is taken, so generated ids continue above it. */
  claimId(kind: IdKind, id: string): void {
    this.ids[kind] = Math.max(this.ids[kind], Number(id) + 1);
  }

  offer(offerid: string): StoredOffer {
    const offer = this.offers.get(offerid);
    if (!offer) throw notFound(`Invalid offerid: ${offerid}`);
    return offer;
  }

  changesOf(offerid: string): StoredChange[] {
    return this.changes.filter((change) => change.offerid === offerid);
  }

  reset(): void {
    this.offers.clear();
    this.affiliates.clear();
    this.advertisers.clear();
    this.changes = [];
    this.ids = { ...FIRST_IDS };
  }

  /** Adds offers, affiliates and commission changes from fixtures (see `offeritFixturesSchema`). */
  seed(fixtures: unknown): void {
    seedOfferitState(this, fixtures);
  }

  /** The state as fixtures (affiliate secrets left out); `seed(snapshot())` rebuilds it. */
  snapshot(): OfferitSnapshot {
    return snapshotOfferitState(this);
  }
}
