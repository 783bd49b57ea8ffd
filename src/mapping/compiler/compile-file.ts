// One mapping file -> its compiled route (and, for `direction: both`, the reverse route), or
// every error found in it. Pure: the text comes in, nothing is read from disk here.
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityCatalog } from '../catalog/index.js';
import { routeFileSchema, type RouteFile, type RuleBody } from '../dsl/index.js';
import type { CompileScope, ReportExtra } from '../engine/compile-scope.js';
import { MappingError } from '../errors.js';
import { readYamlSource, zodIssuesToErrors, type YamlPath } from '../source/index.js';
import type { CompiledRoute, LossyField } from '../types.js';
import { compileDirection, type RuleInput } from './compile-direction.js';
import { invertRule } from './derive-reverse.js';
import { formatRouteName, parseRouteName, type RouteName } from './route-name.js';

export interface CompileOptions {
  /** The field catalog of `<platform>.<entity>`. */
  catalog: (platform: PlatformName, entity: string) => EntityCatalog | undefined;
  /** Whether a source field nobody accounted for stops loading. @defaultValue 'error' */
  coverage?: 'error' | 'warn';
}

export interface CompiledFile {
  routes: CompiledRoute[];
  errors: MappingError[];
  warnings: string[];
}

export function compileMappingText(
  text: string,
  file: string,
  options: CompileOptions,
): CompiledFile {
  const source = readYamlSource(text, file);
  if (source.errors.length > 0) return { routes: [], errors: source.errors, warnings: [] };
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      routes: [],
      errors: [
        new MappingError({
          file,
          line: 1,
          column: 1,
          message: 'the file does not declare a route',
          expected: 'a YAML mapping with route, key and fields',
        }),
      ],
      warnings: [],
    };
  }
  // `x-...` keys hold YAML anchors shared by several rules (`x-amount: &amount {...}`).
  const stripped = Object.fromEntries(
    Object.entries(data).filter(([key]) => !key.startsWith('x-')),
  );
  const parsed = routeFileSchema.safeParse(stripped);
  if (!parsed.success)
    return { routes: [], errors: zodIssuesToErrors(parsed.error.issues, source), warnings: [] };
  const spec = parsed.data;

  const errors: MappingError[] = [];
  const warnings: string[] = [];
  const report = (
    path: YamlPath,
    rule: string | undefined,
    message: string,
    extra: ReportExtra = {},
  ) => {
    errors.push(
      new MappingError({
        file,
        ...source.position(path, { key: extra.key ?? false }),
        ...(rule === undefined ? {} : { rule }),
        message,
        ...(extra.expected === undefined ? {} : { expected: extra.expected }),
        ...(extra.suggestion === undefined ? {} : { suggestion: extra.suggestion }),
      }),
    );
  };

  const named = parseRouteName(spec.route);
  if (!named.ok) {
    report(['route'], undefined, named.message, {
      expected: named.expected,
      ...(named.suggestion ? { suggestion: named.suggestion } : {}),
    });
    return { routes: [], errors, warnings };
  }
  const route = named.route;
  const sourceCatalog = options.catalog(route.source.platform, route.source.entity);
  const targetCatalog = options.catalog(route.target.platform, route.target.entity);
  if (!sourceCatalog || !targetCatalog) {
    report(
      ['route'],
      undefined,
      `no record schema for ${sourceCatalog ? route.target.entity : route.source.entity}`,
    );
    return { routes: [], errors, warnings };
  }
  const tables = spec.tables ?? {};
  const scopeFor = (from: EntityCatalog, to: EntityCatalog): CompileScope => ({
    source: from,
    target: to,
    sourcePlatform: from.platform,
    targetPlatform: to.platform,
    tables,
    report,
    errorCount: () => errors.length,
  });
  const coverage = options.coverage ?? 'error';
  const warn = (message: string) => warnings.push(`${file}: ${message}`);

  const forwardRules: RuleInput[] = Object.entries(spec.fields).map(([target, body]) =>
    ruleInput(target, body, ['fields', target], target, spec),
  );
  const forward = compileDirection({
    scope: scopeFor(sourceCatalog, targetCatalog),
    sourceKey: spec.key.source,
    targetKey: spec.key.target,
    keyAt: [
      ['key', 'source'],
      ['key', 'target'],
    ],
    rules: forwardRules,
    guards: spec.no_twin ?? [],
    guardsAt: ['no_twin'],
    lossy: spec.lossy ?? {},
    lossyAt: ['lossy'],
    ignore: spec.ignore ?? [],
    ignoreAt: ['ignore'],
    implicit: [],
    coverageAt: ['fields'],
    declareHint: 'lossy:',
    coverage,
    warn,
  });

  let reverse: ReturnType<typeof compileDirection>;
  if (spec.direction === 'both') {
    const plan = planReverse(spec, report);
    reverse = compileDirection({
      scope: scopeFor(targetCatalog, sourceCatalog),
      sourceKey: spec.key.target,
      targetKey: spec.key.source,
      keyAt: [
        ['key', 'target'],
        ['key', 'source'],
      ],
      rules: plan.rules,
      guards: spec.reverse?.no_twin ?? [],
      guardsAt: ['reverse', 'no_twin'],
      lossy: spec.reverse?.lossy ?? {},
      lossyAt: ['reverse', 'lossy'],
      ignore: spec.reverse?.ignore ?? [],
      ignoreAt: ['reverse', 'ignore'],
      implicit: plan.implicit,
      coverageAt: spec.reverse ? ['reverse'] : ['direction'],
      declareHint: 'reverse: lossy:',
      coverage,
      warn,
    });
  }
  if (errors.length > 0 || !forward || (spec.direction === 'both' && !reverse))
    return { routes: [], errors, warnings };

  const forwardRoute = buildRoute(route, spec, file, forward, false);
  const routes = [forwardRoute];
  if (reverse) {
    const swapped: RouteName = {
      source: route.target,
      target: route.source,
      kind: route.kind,
      name: formatRouteName(route.target, route.source),
    };
    const reverseRoute = buildRoute(
      swapped,
      { ...spec, key: { source: spec.key.target, target: spec.key.source } },
      file,
      reverse,
      true,
    );
    forwardRoute.reverse = reverseRoute;
    reverseRoute.reverse = forwardRoute;
    routes.push(reverseRoute);
  }
  return { routes, errors, warnings };
}

function ruleInput(
  target: string,
  body: RuleBody,
  at: YamlPath,
  label: string,
  spec: RouteFile,
  inherited?: RuleBody,
): RuleInput {
  const sync = body.sync ?? inherited?.sync ?? spec.sync ?? 'always';
  const owner = body.owner ?? inherited?.owner ?? spec.owner;
  return { target, body, at, label, sync, ...(owner ? { owner } : {}) };
}

/** The reverse route's rules: written-out `reverse:` blocks, derived inverses, and `reverse: fields:`. */
function planReverse(
  spec: RouteFile,
  report: (path: YamlPath, rule: string | undefined, message: string, extra?: ReportExtra) => void,
): { rules: RuleInput[]; implicit: LossyField[] } {
  const rules: RuleInput[] = [];
  const implicit: LossyField[] = [];
  const reverseDefaults: RouteFile = {
    ...spec,
    ...(spec.reverse?.sync ? { sync: spec.reverse.sync } : {}),
    ...(spec.reverse?.owner ? { owner: spec.reverse.owner } : {}),
  };
  for (const [target, body] of Object.entries(spec.fields)) {
    const at: YamlPath = ['fields', target];
    if (body.reverse !== undefined) {
      const entries = Object.entries(body.reverse);
      if (entries.length === 0)
        implicit.push({ field: target, reason: 'one-way rule (reverse: {})' });
      for (const [field, inner] of entries) {
        rules.push(
          ruleInput(
            field,
            inner,
            [...at, 'reverse', field],
            `${target} (reverse ${field})`,
            reverseDefaults,
            body,
          ),
        );
      }
      continue;
    }
    const inversion = invertRule(body, target, spec.tables ?? {});
    if (inversion.kind === 'none') implicit.push({ field: target, reason: inversion.reason });
    else if (inversion.kind === 'refuse') {
      report(at, target, `cannot derive the reverse of this rule: ${inversion.reason}`, {
        expected:
          'a "reverse:" block naming the fields to write back, or "reverse: {}" for a one-way field',
        key: true,
      });
    } else
      rules.push(
        ruleInput(
          inversion.target,
          inversion.body,
          at,
          `${target} (reverse ${inversion.target})`,
          reverseDefaults,
          body,
        ),
      );
  }
  for (const [target, body] of Object.entries(spec.reverse?.fields ?? {})) {
    rules.push(
      ruleInput(target, body, ['reverse', 'fields', target], `reverse ${target}`, reverseDefaults),
    );
  }
  const writers = new Map<string, RuleInput>();
  for (const rule of rules) {
    const first = writers.get(rule.target);
    if (first) {
      report(
        rule.at,
        rule.label,
        `the reverse route would write "${rule.target}" twice (also from rule "${first.label}")`,
        {
          expected:
            'one reverse rule per field: write "reverse: {}" on one of them, or write the reverse out',
          key: true,
        },
      );
    } else writers.set(rule.target, rule);
  }
  return { rules: [...writers.values()], implicit };
}

function buildRoute(
  route: RouteName,
  spec: RouteFile,
  file: string,
  compiled: NonNullable<ReturnType<typeof compileDirection>>,
  derived: boolean,
): CompiledRoute {
  return {
    name: route.name,
    source: { ...route.source, key: [...spec.key.source] },
    target: { ...route.target, key: [...spec.key.target] },
    kind: route.kind,
    fields: compiled.fields,
    conflictPolicy: spec.conflict,
    apply: compiled.apply,
    file,
    derived,
    coverage: compiled.coverage,
  };
}
