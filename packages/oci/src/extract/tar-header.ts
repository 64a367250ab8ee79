// Parsing of single tar header blocks and PAX/GNU metadata (ustar, PAX 'x'/'g', GNU 'L'/'K', base-256 numbers).
import { isUtf8 } from 'node:buffer';
import { BundleError } from '@eda-oci/exec';

export const BLOCK = 512;

/** What a raw 512-byte header says, before PAX/GNU overrides are applied. */
export interface RawHeader {
  nameBytes: Buffer;
  mode: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkBytes: Buffer;
}

const CORRUPT_HINT = 'the export stream is corrupt or not a tar archive; retry the build, and report it if it persists';

/** True when the block is all zero bytes (an end-of-archive marker block). */
export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i += 4) {
    if (block.readUInt32LE(i) !== 0) return false;
  }
  return true;
}

function fieldEnd(buf: Buffer, start: number, len: number): number {
  const nul = buf.indexOf(0, start);
  return nul === -1 || nul > start + len ? start + len : nul;
}

/**
 * Parses a numeric header field: octal text (NUL/space padded) or GNU/star base-256 (high bit of the first byte
 * set, two's complement). Returns NaN when the field is malformed.
 */
export function parseNumeric(buf: Buffer, start: number, len: number): number {
  const first = buf[start]!;
  if (first & 0x80) {
    // Base-256 (GNU/star): big-endian two's complement of the field with the marker bit masked off.
    const inv = first & 0x40 ? 0xff : 0;
    let value = 0n;
    for (let i = 0; i < len; i++) {
      let c = buf[start + i]! ^ inv;
      if (i === 0) c &= 0x7f;
      value = (value << 8n) | BigInt(c);
    }
    if (inv) value = -value - 1n;
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) return NaN;
    return Number(value);
  }
  let value = 0;
  let i = start;
  const end = start + len;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0)) i++; // leading spaces (and all-NUL fields read as 0)
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x37) {
      value = value * 8 + (c - 0x30);
      digits++;
    } else if (c === 0x20 || c === 0) {
      break;
    } else {
      return NaN;
    }
  }
  for (; i < end; i++) if (buf[i] !== 0x20 && buf[i] !== 0) return NaN; // only padding may follow
  return digits === 0 ? 0 : value;
}

/** Verifies the header checksum (unsigned sum with the checksum field read as spaces; signed sums accepted too). */
export function checksumOk(block: Buffer): boolean {
  const stored = parseNumeric(block, 148, 8);
  if (Number.isNaN(stored)) return false;
  let unsigned = 8 * 0x20;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i === 148) {
      i = 155;
      continue;
    }
    const b = block[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** Parses one non-zero header block. Throws BundleError on a bad checksum or malformed numeric field. */
export function parseHeader(block: Buffer, entryIndex: number): RawHeader {
  if (!checksumOk(block)) {
    throw new BundleError(`tar header checksum mismatch at entry ${entryIndex}`, CORRUPT_HINT);
  }
  const typeflag = block[156] === 0 ? '0' : String.fromCharCode(block[156]!);
  const ustar = block.toString('latin1', 257, 263) === 'ustar\0';
  let nameBytes = block.subarray(0, fieldEnd(block, 0, 100));
  if (ustar && block[345] !== 0) {
    const prefix = block.subarray(345, fieldEnd(block, 345, 155));
    nameBytes = Buffer.concat([prefix, Buffer.from('/'), nameBytes]);
  } else {
    nameBytes = Buffer.from(nameBytes); // copy: the block may be a reused scratch buffer
  }
  const linkBytes = Buffer.from(block.subarray(157, fieldEnd(block, 157, 100)));
  const mode = parseNumeric(block, 100, 8);
  const size = parseNumeric(block, 124, 12);
  const mtime = parseNumeric(block, 136, 12);
  if (Number.isNaN(mode) || Number.isNaN(size) || Number.isNaN(mtime) || size < 0) {
    throw new BundleError(`malformed numeric field in tar header at entry ${entryIndex}`, CORRUPT_HINT);
  }
  return { nameBytes, mode, size, mtime, typeflag, linkBytes };
}

/** Decodes a name (path or link target) from raw bytes; rejects NUL bytes and invalid UTF-8. */
export function decodeName(bytes: Buffer, what: string, entryIndex: number): string {
  if (bytes.includes(0)) {
    throw new BundleError(
      `tar ${what} at entry ${entryIndex} contains a NUL byte (hostile or corrupt archive)`,
      'refusing to extract it; check the image',
    );
  }
  if (!isUtf8(bytes)) {
    throw new BundleError(
      `tar ${what} at entry ${entryIndex} is not valid UTF-8 ("${bytes.toString('latin1')}")`,
      'eda-oci only extracts UTF-8 file names; rename the file in the image',
    );
  }
  return bytes.toString('utf8');
}

/** The PAX records eda-oci uses; everything else (uid, gid, uname, gname, xattrs, atime, ctime, comment) is ignored. */
export interface PaxRecords {
  path?: Buffer;
  linkpath?: Buffer;
  size?: number;
  mtime?: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Parses a PAX extended header body ("%d %s=%s\n" records). */
export function parsePax(data: Buffer, entryIndex: number): PaxRecords {
  const out: PaxRecords = {};
  let pos = 0;
  const bad = (why: string) => new BundleError(`malformed PAX extended header at entry ${entryIndex} (${why})`, CORRUPT_HINT);
  while (pos < data.length) {
    if (data[pos] === 0) break; // some writers pad with NULs
    const space = data.indexOf(0x20, pos);
    if (space === -1 || space - pos > 20) throw bad('record length');
    const len = Number(data.toString('latin1', pos, space));
    if (!Number.isInteger(len) || len <= space - pos + 1 || pos + len > data.length) throw bad('record length');
    const end = pos + len;
    if (data[end - 1] !== 0x0a) throw bad('record terminator');
    const eq = data.indexOf(0x3d, space + 1);
    if (eq === -1 || eq >= end) throw bad('record without =');
    const key = data.toString('utf8', space + 1, eq);
    const value = data.subarray(eq + 1, end - 1);
    switch (key) {
      case 'path':
        out.path = Buffer.from(value);
        break;
      case 'linkpath':
        out.linkpath = Buffer.from(value);
        break;
      case 'size': {
        const s = value.toString('latin1');
        if (!/^\d+$/.test(s) || Number(s) > Number.MAX_SAFE_INTEGER) throw bad(`size ${s}`);
        out.size = Number(s);
        break;
      }
      case 'mtime': {
        const s = value.toString('latin1');
        if (!DECIMAL.test(s)) throw bad(`mtime ${s}`);
        out.mtime = Number(s);
        break;
      }
      default:
        if (key.startsWith('GNU.sparse.')) {
          throw new BundleError(
            `tar entry ${entryIndex} is a GNU sparse file, which eda-oci does not extract`,
            'export the image with docker export (which never writes sparse entries)',
          );
        }
    }
    pos = end;
  }
  return out;
}
