export { ruleLabel } from './rule-label.js';
export { readYamlSource, type Position, type YamlPath, type YamlSource } from './yaml-source.js';
export { zodIssuesToErrors } from './zod-issues.js';
