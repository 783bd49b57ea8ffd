export {
  buildEntityCatalog,
  type EntityCatalog,
  type EnumValue,
  type FieldInfo,
  type ValueKind,
} from './field-catalog.js';
export {
  catalogCache,
  platformRecordSchemas,
  REQUIRED_ON_CREATE,
  type SchemaSource,
} from './platform-schemas.js';
