// Declarative field mappings between Offerit and Offerslook: the YAML language, its loader
// (file:line:column errors), and the pure engine that applies compiled routes to records.
export {
  buildEntityCatalog,
  catalogCache,
  platformRecordSchemas,
  REQUIRED_ON_CREATE,
  type EntityCatalog,
  type FieldInfo,
  type SchemaSource,
} from './catalog/index.js';
export {
  compileMappingText,
  type CompiledFile,
  type CompileOptions,
} from './compiler/compile-file.js';
export { formatRouteName, parseRouteName } from './compiler/route-name.js';
export { MappingError, MappingLoadError, type MappingErrorInit } from './errors.js';
export { compileMappings, loadMappings, type LoadMappingsOptions } from './loader/load-mappings.js';
export { createMappingSet } from './loader/mapping-set.js';
export { identityResolver, tableResolver } from './resolvers.js';
export { levenshtein, nearest } from './text/levenshtein.js';
export {
  LINK_KINDS,
  MAPPING_ISSUE_CODES,
  SYNC_POLICIES,
  type ApplyContext,
  type CompiledRoute,
  type ConflictPolicy,
  type CoverageReport,
  type FieldPolicy,
  type LinkKind,
  type LinkResolver,
  type LossyField,
  type MappingIssue,
  type MappingIssueCode,
  type MappingResult,
  type MappingSet,
  type RouteEnd,
  type SyncPolicy,
} from './types.js';
