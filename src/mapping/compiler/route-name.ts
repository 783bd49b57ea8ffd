// `offerit.goal -> offerslook.offer_event`: which platforms, entities and logical kind a route maps.
import { PLATFORMS, type PlatformName } from '../../vocabulary/index.js';
import { ENTITY_KINDS, ENTITY_NAMES, type EntityKind } from '../../vocabulary/index.js';
import { nearest } from '../text/levenshtein.js';

export interface RouteName {
  source: { platform: PlatformName; entity: string };
  target: { platform: PlatformName; entity: string };
  kind: EntityKind;
  /** Canonical form: `offerit.goal->offerslook.offer_event`. */
  name: string;
}

export type RouteNameResult =
  | { ok: true; route: RouteName }
  | { ok: false; message: string; expected: string; suggestion?: string };

const SHAPE = /^\s*([A-Za-z_]+)\.([A-Za-z_]+)\s*->\s*([A-Za-z_]+)\.([A-Za-z_]+)\s*$/;

export function formatRouteName(
  source: { platform: string; entity: string },
  target: { platform: string; entity: string },
): string {
  return `${source.platform}.${source.entity}->${target.platform}.${target.entity}`;
}

export function parseRouteName(text: string): RouteNameResult {
  const match = SHAPE.exec(text);
  if (!match) {
    return {
      ok: false,
      message: `cannot read route "${text}"`,
      expected:
        '<platform>.<entity> -> <platform>.<entity>, e.g. offerit.offer -> offerslook.offer',
    };
  }
  const sides = [
    { platform: match[1]!, entity: match[2]! },
    { platform: match[3]!, entity: match[4]! },
  ];
  const kinds: EntityKind[] = [];
  for (const side of sides) {
    if (!PLATFORMS.includes(side.platform as PlatformName)) {
      const suggestion = nearest(side.platform, PLATFORMS);
      return {
        ok: false,
        message: `unknown platform "${side.platform}"`,
        expected: `one of ${PLATFORMS.join(', ')}`,
        ...(suggestion ? { suggestion } : {}),
      };
    }
    const names = ENTITY_NAMES[side.platform as PlatformName];
    const kind = ENTITY_KINDS.find((candidate) => names[candidate] === side.entity);
    if (!kind) {
      const suggestion = nearest(side.entity, Object.values(names));
      return {
        ok: false,
        message: `unknown ${side.platform} entity "${side.entity}"`,
        expected: `one of ${Object.values(names).join(', ')}`,
        ...(suggestion ? { suggestion } : {}),
      };
    }
    kinds.push(kind);
  }
  const [source, target] = sides as [
    { platform: PlatformName; entity: string },
    { platform: PlatformName; entity: string },
  ];
  if (source.platform === target.platform) {
    return {
      ok: false,
      message: 'a route maps between the two platforms',
      expected: 'offerit on one side and offerslook on the other',
    };
  }
  if (kinds[0] !== kinds[1]) {
    return {
      ok: false,
      message: `${source.platform}.${source.entity} is a ${kinds[0]} but ${target.platform}.${target.entity} is a ${kinds[1]}`,
      expected: `the ${target.platform} twin of a ${kinds[0]}: ${target.platform}.${ENTITY_NAMES[target.platform][kinds[0]!]}`,
    };
  }
  return {
    ok: true,
    route: { source, target, kind: kinds[0]!, name: formatRouteName(source, target) },
  };
}
