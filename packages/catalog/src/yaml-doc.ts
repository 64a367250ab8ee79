// YAML with line numbers: parses a catalog file keeping node positions so every error can name its line.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { DocPath } from './schema.js';

/** A parsed YAML document that can say on which line a path is. */
export interface LocatedDoc {
  value: unknown;
  /** 1-based line of the value at `path` (or of its key with `at: 'key'`); the nearest existing parent's line otherwise. */
  lineOf(path: DocPath, at?: 'value' | 'key'): number;
}

/** A YAML syntax error: message and 1-based line. */
export interface YamlSyntaxError {
  line: number;
  message: string;
}

/** Parses YAML 1.2 (core schema): duplicate keys, multiple documents and unresolved aliases are syntax errors. */
export function parseLocated(text: string): LocatedDoc | YamlSyntaxError {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
  const lineAt = (offset: number): number => lc.linePos(offset).line;
  const first = doc.errors[0];
  if (first) {
    const msg = first.code === 'DUPLICATE_KEY' ? duplicateKeyMessage(doc, first.pos[0]) : first.message.split('\n')[0]!;
    return { line: lineAt(first.pos[0]), message: msg };
  }
  let value: unknown;
  try {
    // A small alias budget: catalog files need none, and it stops "billion laughs" expansion.
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return { line: 1, message: (err as Error).message.split('\n')[0]! };
  }
  return {
    value,
    lineOf(path, at = 'value') {
      let node: unknown = doc.contents;
      let line = node && (node as Node).range ? lineAt((node as Node).range![0]) : 1;
      for (let i = 0; i < path.length; i++) {
        const seg = path[i]!;
        const last = i === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find((p: Pair) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
          if (!pair) return line;
          const key = pair.key as Node | null;
          if (key?.range) line = lineAt(key.range[0]);
          if (last && at === 'key') return line;
          node = pair.value;
        } else if (isSeq(node) && typeof seg === 'number') {
          node = node.items[seg];
        } else {
          return line;
        }
        if (isPair(node)) node = node.value;
        const range = (node as Node | null)?.range;
        if (range) line = lineAt(range[0]);
      }
      return line;
    },
  };
}

function duplicateKeyMessage(doc: Document, offset: number): string {
  let key: string | undefined;
  const visit = (n: unknown): void => {
    if (key !== undefined) return;
    if (isMap(n)) {
      for (const p of n.items) {
        const k = p.key as Node | null;
        if (k?.range && k.range[0] === offset) key = isScalar(k) ? String(k.value) : String(k);
        visit(p.value);
      }
    } else if (isSeq(n)) n.items.forEach(visit);
  };
  visit(doc.contents);
  return key !== undefined ? `the key '${key}' appears twice in the same mapping` : 'a key appears twice in the same mapping';
}
