// `template:` rules: text with `${field.path}` placeholders (`$$` writes a dollar). One-way.
import type { YamlPath } from '../source/index.js';
import type { MappingIssue } from '../types.js';
import { scalarKey } from '../values/presence.js';
import { checkSourcePath, type CompileScope } from './compile-scope.js';
import { compileGetter, type Rec } from './path.js';

const PLACEHOLDER = /\$\$|\$\{([^}]*)\}/g;

export function compileTemplate(
  text: string,
  at: YamlPath,
  site: { scope: CompileScope; rule: string; reads: Set<string> },
): ((record: Rec, issues: MappingIssue[]) => string) | undefined {
  const parts: (string | ((record: Rec) => unknown))[] = [];
  let last = 0;
  let ok = true;
  for (const match of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0] === '$$') {
      parts.push('$');
      continue;
    }
    const path = match[1]!.trim();
    if (!checkSourcePath(site.scope, path, at, site.rule)) {
      ok = false;
      continue;
    }
    site.reads.add(path);
    parts.push(compileGetter(path));
  }
  parts.push(text.slice(last));
  if (!ok) return undefined;
  return (record) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else {
        const value = part(record);
        out += Array.isArray(value)
          ? value.map((item) => scalarKey(item) ?? '').join(',')
          : (scalarKey(value) ?? '');
      }
    }
    return out;
  };
}
