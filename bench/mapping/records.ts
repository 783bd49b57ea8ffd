// Deterministic Offerit offers for the benchmark: every pricing type (and seed 001's unknown
// numeric type), dates and "Never", countries both ways, empty amounts, lossy fields.

/** A small linear congruential generator: the same records on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function benchRecords(count: number, seed = 42): Record<string, unknown>[] {
  const next = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const amount = () => pick(['', '0', '2.50', String(Math.floor(next() * 10_000) / 100), '15']);
  const date = () =>
    pick([
      'Never',
      '',
      `20${10 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)} 12:34:56`,
    ]);
  const records: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const geo =
      next() < 0.7
        ? { authorized: pick([['GB', 'DE'], ['US'], ['FR', 'ES', 'IT']]) }
        : { unauthorized: ['CN'] };
    records.push({
      offerid: String(1000 + index),
      name: `Offer ${index}`,
      offer_description: pick(['', 'Great offer', 'Mobile only; no incent']),
      hidden: pick(['0', '1']),
      active: pick(['0', '1']),
      featured: pick(['0', '1']),
      date_added: '2020-01-01 00:00:00',
      date_live: date(),
      date_expire: date(),
      commission_type: pick(['cpa', 'cps', 'click', 'hybrid', '201']),
      flat_amount_per_click: amount(),
      flat_amount_per_visitor: amount(),
      flat_amount_per_conversion: amount(),
      flat_amount_per_continuity: amount(),
      percentage_of_customer_conversion: amount(),
      percentage_of_customer_continuity: amount(),
      advertiserid: pick(['1', '9', '77']),
      advertiser_cost_type: pick(['conversion', 'dynamic_conversion', 'sale', 'click', 'unique']),
      advertiser_cost_flat: amount(),
      advertiser_cost_perc: amount(),
      pending_approval_lockout: pick(['0', '3600']),
      conversion_type: pick(['image', 'post', 'iframe']),
      url: `http://example.com/landing/${index}?id=%%click_hash%%&s=1`,
      preview_url: `http://example.com/preview/${index}`,
      ...geo,
    });
  }
  return records;
}
