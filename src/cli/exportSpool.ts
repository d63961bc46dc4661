/**
 * The command line's side of a streamed export (src/core/export/stream.ts): spools are temporary
 * files in a folder of the export's own under the system's temporary folder, removed at the end
 * whatever happens, and the export's files are written from their pieces in chunks, so neither
 * a spool nor an output file is ever held whole in memory.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isLineRange, rangeText, type Piece, type Spool } from '../core/export/stream';
import { NodeFileSystem, toNativePath } from '../core/fs/nodeFileSystem';

/** Bytes gathered before a spool or an output file is written to: few system calls, little memory. */
const CHUNK = 1 << 20;

/** A spool in a temporary file; marks are byte offsets. */
export class FileSpool implements Spool {
  private readonly fd: number;
  /** Text gathered before it is written, encoded straight into one buffer: no buffer per write. */
  private readonly pending = Buffer.allocUnsafe(CHUNK);
  private pendingBytes = 0;
  private written = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'wx+', 0o600);
  }

  write(text: string): void {
    if (text === '') return;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: with that much room the text surely fits.
    if (this.pendingBytes + 3 * text.length > CHUNK) this.flush();
    if (3 * text.length > CHUNK) {
      this.writeAll(Buffer.from(text, 'utf8'));
      return;
    }
    this.pendingBytes += this.pending.write(text, this.pendingBytes, 'utf8');
  }

  mark(): number {
    return this.written + this.pendingBytes;
  }

  /** Bytes [from, to) of what was written. */
  read(from: number, to: number): Buffer {
    this.flush();
    const bytes = Buffer.allocUnsafe(to - from);
    let at = 0;
    while (at < bytes.byteLength) {
      const n = readSync(this.fd, bytes, at, bytes.byteLength - at, from + at);
      if (n === 0) throw new Error('an export spool ended early');
      at += n;
    }
    return bytes;
  }

  close(): void {
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const bytes = this.pending.subarray(0, this.pendingBytes);
    this.pendingBytes = 0;
    this.writeAll(bytes);
  }

  private writeAll(bytes: Buffer): void {
    let at = 0;
    while (at < bytes.byteLength) at += writeSync(this.fd, bytes, at, bytes.byteLength - at, this.written + at);
    this.written += bytes.byteLength;
  }
}

/** The spools of one export, in one temporary folder removed by `dispose`. */
export class SpoolFolder {
  private readonly folder = mkdtempSync(join(tmpdir(), 'newsmark-export-'));
  private readonly spools: FileSpool[] = [];

  readonly make = (): Spool => {
    const spool = new FileSpool(join(this.folder, `spool-${this.spools.length}`));
    this.spools.push(spool);
    return spool;
  };

  dispose(): void {
    for (const s of this.spools) s.close();
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** A file's bytes from its pieces, at most CHUNK of a spool at a time (a range with a line prefix or mapping is one article's lines, read whole). */
export function chunksOf(pieces: readonly Piece[]): AsyncIterable<Uint8Array> {
  const chunks = syncChunksOf(pieces);
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(chunks.next()) }) };
}

function* syncChunksOf(pieces: readonly Piece[]): Generator<Uint8Array, undefined> {
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      if (piece !== '') yield Buffer.from(piece, 'utf8');
      continue;
    }
    const spool = piece.spool as FileSpool;
    if (isLineRange(piece)) {
      yield Buffer.from(rangeText(piece, spool.read(piece.from, piece.to).toString('utf8')), 'utf8');
      continue;
    }
    for (let at = piece.from; at < piece.to; at += CHUNK) yield spool.read(at, Math.min(piece.to, at + CHUNK));
  }
}

/**
 * ExportWriteOptions.writeChunks on the disk: a new temporary file beside the destination,
 * flushed, then renamed onto it (over an existing file only when `replace`; otherwise created
 * only if the name is still free, as the port's rename does). Removed if anything fails.
 */
export async function writeChunksToDisk(path: string, chunks: AsyncIterable<Uint8Array>, replace: boolean): Promise<void> {
  const native = toNativePath(path);
  const temp = join(dirname(native), `.${basename(native)}.${randomBytes(6).toString('hex')}.newsmark-tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    try {
      for await (const chunk of chunks) {
        let at = 0;
        while (at < chunk.byteLength) at += writeSync(fd, chunk, at, chunk.byteLength - at);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await new NodeFileSystem().rename(path.slice(0, path.length - basename(path).length) + basename(temp), path, { overwrite: replace });
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
