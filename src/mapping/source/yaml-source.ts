// Reads one mapping file with the yaml document API, keeping the node tree so that any data
// path (`fields.payout.from`) can be turned back into a line and column for an error.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import { MappingError } from '../errors.js';

export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface YamlSource {
  file: string;
  /** The document as plain data; undefined when the file does not parse. */
  data: unknown;
  /** YAML syntax errors (duplicate keys included). */
  errors: MappingError[];
  /** Where the value at `path` starts; with `key`, where its key starts. Falls back to the nearest parent. */
  position(path: YamlPath, options?: { key?: boolean }): Position;
}

export function readYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  const errors: MappingError[] = [];
  const list = Array.isArray(documents) ? documents : [];
  const document = list[0];
  for (const parsed of list) {
    for (const error of parsed.errors) {
      errors.push(
        new MappingError({ file, ...toPosition(error.pos[0]), message: firstLine(error.message) }),
      );
    }
  }
  if (list.length > 1) {
    const second = list[1]!.contents?.range?.[0] ?? text.length;
    errors.push(
      new MappingError({
        file,
        ...toPosition(second),
        message: 'a mapping file holds one route',
        expected: 'a single YAML document; put the next route in a file of its own',
      }),
    );
  }
  const data: unknown =
    document && errors.length === 0 ? document.toJS({ maxAliasCount: 1000 }) : undefined;
  return {
    file,
    data,
    errors,
    position(path, options = {}) {
      if (!document) return { line: 1, column: 1 };
      return toPosition(locate(document, path, options.key ?? false));
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The source offset of the node at `path` (or of its key), or of the deepest node found on the way. */
function locate(document: Document.Parsed, path: YamlPath, wantKey: boolean): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (let index = 0; index < path.length; index++) {
    if (isAlias(node)) node = node.resolve(document);
    const segment = path[index]!;
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (!pair) break;
      if (last && wantKey) return rangeStart(pair.key) ?? offset;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      node = item;
    } else {
      break;
    }
    offset = rangeStart(node) ?? offset;
  }
  return offset;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
