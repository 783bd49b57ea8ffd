// The two kinds of tracking platform offer-sync speaks: Offerit / NATS for Networks (one API, one
// adapter) and Offerslook. Config, mappings and metrics use these names.
export type PlatformName = 'offerit' | 'offerslook';
export const PLATFORMS: readonly PlatformName[] = ['offerit', 'offerslook'];

/** Mappings exist for one pair of platforms: a sync always goes from one to the other. */
export function otherPlatform(platform: PlatformName): PlatformName {
  return platform === 'offerit' ? 'offerslook' : 'offerit';
}
