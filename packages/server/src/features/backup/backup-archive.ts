import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { AppError } from '@kith/domain/errors.ts';

/**
 * The backup file: a plain POSIX tar archive (ustar), so an administrator can look inside with `tar -tvf`, holding
 *
 *   secret.key      the server's secret (without it the restored SMTP passwords cannot be decrypted, and
 *                   unsubscribe links and device cookies signed before the backup stop working)
 *   kith.db         SQLite: the online backup of the database, in rollback-journal mode (no side files)
 *   kith.pgdump     PostgreSQL: pg_dump's custom format
 *   manifest.json   what this is (format, version of Kith, database kind, schema level, time) and the size and
 *                   SHA-256 of each file above; written last, after the checksums are known
 *
 * Only Kith reads these back (restore.service.ts), and it checks the tar headers' own checksums, the manifest's
 * sizes and hashes, and refuses anything else.
 */

export const BACKUP_FORMAT = 'kith-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SECRET_ENTRY = 'secret.key';
export const SQLITE_ENTRY = 'kith.db';
export const PGDUMP_ENTRY = 'kith.pgdump';

export type ManifestFile = { name: string; bytes: number; sha256: string };
export type Manifest = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  kithVersion: string;
  database: 'sqlite' | 'postgres';
  /** The last migration applied to the database in the backup: restoring needs a Kith that knows it. */
  schema: string | null;
  createdAt: string;
  files: ManifestFile[];
};

const BLOCK = 512;
const CHUNK = 1 << 20;
/** Sizes up to 8 GiB − 1 fit the header's 11 octal digits; larger ones use the base-256 form GNU tar and bsdtar read. */
const OCTAL_MAX = 8 ** 11 - 1;

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 99) throw new Error(`tar entry name too long: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 'utf8');
  h.write('0000600\0', 100, 'ascii');
  h.write('0000000\0', 108, 'ascii');
  h.write('0000000\0', 116, 'ascii');
  if (size <= OCTAL_MAX) h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  else {
    h[124] = 0x80;
    let v = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  h.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    'ascii',
  );
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('kith', 265, 'ascii');
  h.write('kith', 297, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

function readSize(h: Buffer): number {
  if (h[124]! & 0x80) {
    let v = 0n;
    for (let i = 125; i < 136; i++) v = (v << 8n) | BigInt(h[i]!);
    return Number(v);
  }
  const s = h
    .toString('ascii', 124, 136)
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]+$/.test(s)) throw new Error('bad size');
  return parseInt(s, 8);
}

function checksumOk(h: Buffer): boolean {
  const stored = parseInt(
    h
      .toString('ascii', 148, 156)
      .replace(/[\0 ]+$/, '')
      .trim(),
    8,
  );
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return stored === sum;
}

/** Writes an archive to an open file descriptor, entry by entry. */
export class ArchiveWriter {
  private pos = 0;
  private readonly fd: number;
  private readonly mtime: Date;
  constructor(fd: number, mtime: Date) {
    this.fd = fd;
    this.mtime = mtime;
  }

  private put(b: Buffer): void {
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off, this.pos + off);
    this.pos += b.length;
  }

  private pad(size: number): void {
    const rest = size % BLOCK;
    if (rest) this.put(Buffer.alloc(BLOCK - rest, 0));
  }

  /** An entry from memory. */
  addBuffer(name: string, data: Buffer): ManifestFile {
    this.put(header(name, data.length, this.mtime));
    this.put(data);
    this.pad(data.length);
    return { name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  }

  /** An entry copied from a file of `size` bytes (which nothing writes meanwhile), hashed as it is copied. */
  addFile(name: string, path: string, size: number): ManifestFile {
    this.put(header(name, size, this.mtime));
    const hash = createHash('sha256');
    const src = openSync(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      let done = 0;
      while (done < size) {
        const n = readSync(src, buf, 0, Math.min(CHUNK, size - done), done);
        if (n === 0) throw new Error(`${path} ended after ${done} of ${size} bytes`);
        const part = buf.subarray(0, n);
        hash.update(part);
        this.put(part);
        done += n;
      }
    } finally {
      closeSync(src);
    }
    this.pad(size);
    return { name, bytes: size, sha256: hash.digest('hex') };
  }

  /** The two empty blocks that end a tar archive; then the data is flushed to disk. */
  finish(): number {
    this.put(Buffer.alloc(BLOCK * 2, 0));
    fsyncSync(this.fd);
    return this.pos;
  }
}

type Entry = { name: string; offset: number; size: number };

const notABackup = (file: string, why: string) => new AppError('bad_request', `${file} is not a Kith backup that can be restored: ${why}`);

/** An archive opened for reading: its entries found by walking the headers (the data is not read until asked for). */
export class ArchiveReader {
  readonly file: string;
  private readonly fd: number;
  private readonly entries = new Map<string, Entry>();

  constructor(file: string) {
    this.file = file;
    this.fd = openSync(file, 'r');
    try {
      this.index();
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  private index(): void {
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    for (;;) {
      const n = readSync(this.fd, h, 0, BLOCK, pos);
      if (n < BLOCK) throw notABackup(this.file, 'the file ends before the end of the archive (truncated?)');
      if (h.every((b) => b === 0)) return;
      if (h.toString('ascii', 257, 262) !== 'ustar' || !checksumOk(h)) throw notABackup(this.file, `no valid archive header at byte ${pos}`);
      const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      let size: number;
      try {
        size = readSize(h);
      } catch {
        throw notABackup(this.file, `a bad size in the header of ${name}`);
      }
      if (h.toString('ascii', 156, 157) === '0' || h[156] === 0) this.entries.set(name, { name, offset: pos + BLOCK, size });
      pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  size(name: string): number {
    return this.entries.get(name)?.size ?? -1;
  }

  /** A small entry, whole. */
  read(name: string, max = 1 << 20): Buffer {
    const e = this.entries.get(name);
    if (!e) throw notABackup(this.file, `it holds no ${name}`);
    if (e.size > max) throw notABackup(this.file, `${name} is too large`);
    const b = Buffer.alloc(e.size);
    const n = readSync(this.fd, b, 0, e.size, e.offset);
    if (n !== e.size) throw notABackup(this.file, `${name} is truncated`);
    return b;
  }

  /** Copy an entry into an open file descriptor; its SHA-256 (hex). */
  copyTo(name: string, fd: number): string {
    const e = this.entries.get(name);
    if (!e) throw notABackup(this.file, `it holds no ${name}`);
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let done = 0;
    while (done < e.size) {
      const n = readSync(this.fd, buf, 0, Math.min(CHUNK, e.size - done), e.offset + done);
      if (n === 0) throw notABackup(this.file, `${name} is truncated`);
      const part = buf.subarray(0, n);
      hash.update(part);
      let off = 0;
      while (off < n) off += writeSync(fd, part, off, n - off, done + off);
      done += n;
    }
    fsyncSync(fd);
    return hash.digest('hex');
  }

  close(): void {
    closeSync(this.fd);
  }
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
