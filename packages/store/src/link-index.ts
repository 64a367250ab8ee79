// A version's publish.files as the source of hard-link candidates for the next version, read without building an
// object per line: the new bundle's paths are looked up in ascending order by a merge join over the (equally sorted)
// lines, and by content only for the few paths whose record differs. Every candidate is vetted by lstat before it is
// linked (tree.ts), so a damaged line can only cost a link, never put a wrong file into a version.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PUBLISH_FILES } from './layout.js';
import { MANIFEST_MAGIC, isManifestPath, parseManifestLine, unescapeManifestField, type ManifestEntry } from '@eda-oci/oci';

/** One record of publish.files: a bundle.files entry (see @eda-oci/oci) with the store's mode and inode, no ctime. */
export type LinkRecord = Omit<ManifestEntry, 'ctimeNs'>;

/** Lookups into one version's publish.files; see the module comment. */
export class LinkIndex {
  private readonly lines: string[];
  private cursor: number;
  private byContent: Map<string, number[]> | undefined;

  private constructor(lines: string[]) {
    this.lines = lines;
    this.cursor = 4;
  }

  /** The index of a publish.files text; undefined when it does not start like one (then nothing is linked). */
  static fromText(text: string): LinkIndex | undefined {
    const lines = text.split('\n');
    if (lines[0] !== MANIFEST_MAGIC || !lines[1]?.startsWith('root\t') || !lines[2]?.startsWith('statted\t') || lines[3] !== '')
      return undefined;
    if (lines[lines.length - 1] === '') lines.pop();
    return new LinkIndex(lines);
  }

  /** Reads `<versionDir>/publish.files`; undefined when it is missing or not one. */
  static async read(versionDir: string): Promise<LinkIndex | undefined> {
    try {
      return LinkIndex.fromText(await readFile(path.join(versionDir, PUBLISH_FILES), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /**
   * The record of `p`. Calls must come in ascending path order (the manifest's): the cursor only moves forward. Where
   * JavaScript's string order and the files' byte order disagree (only around astral characters) a path is missed,
   * which costs a copy, not correctness.
   */
  atPath(p: string): LinkRecord | undefined {
    const lines = this.lines;
    while (this.cursor < lines.length) {
      const line = lines[this.cursor]!;
      const tab = line.indexOf('\t');
      const lp = tab < 0 ? undefined : unescapeManifestField(line.slice(0, tab));
      if (lp === undefined || lp < p) {
        this.cursor++;
        continue;
      }
      if (lp !== p) return undefined;
      this.cursor++;
      return record(line);
    }
    return undefined;
  }

  /** Records of regular files with exactly this content, mode and mtime, at any path (files that moved). */
  filesLike(content: string, mode: number, mtimeNs: string): LinkRecord[] {
    if (!this.byContent) {
      const map = new Map<string, number[]>();
      const lines = this.lines;
      const tabs = [0, 0, 0, 0, 0, 0];
      for (let i = 4; i < lines.length; i++) {
        const line = lines[i]!;
        // path \t type \t mode \t size \t mtime \t content \t ino \t ctime: the first six tabs
        let a = -1;
        let k = 0;
        for (; k < 6; k++) {
          a = line.indexOf('\t', a + 1);
          if (a < 0) break;
          tabs[k] = a;
        }
        if (k < 6 || line.charCodeAt(tabs[0]! + 1) !== 0x66 /* f */) continue;
        const key = `${line.slice(tabs[4]! + 1, tabs[5])}\0${line.slice(tabs[1]! + 1, tabs[2])}\0${line.slice(tabs[3]! + 1, tabs[4])}`;
        const list = map.get(key);
        if (list) list.push(i);
        else map.set(key, [i]);
      }
      this.byContent = map;
    }
    const out: LinkRecord[] = [];
    for (const i of this.byContent.get(`${content}\0${mode.toString(8)}\0${mtimeNs}`) ?? []) {
      const r = record(this.lines[i]!);
      // A path of this version: never a way out of it.
      if (r?.type === 'f' && isManifestPath(r.path)) out.push(r);
    }
    return out;
  }
}

/** The record of a line, its fields unchecked (a damaged one fails the lstat vetting: it costs a link, no more). */
function record(line: string): LinkRecord | undefined {
  const e = parseManifestLine(line, false);
  return typeof e === 'string' ? undefined : e;
}
