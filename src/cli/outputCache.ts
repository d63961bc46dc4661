/**
 * What `stats`, `check` and `validate` printed, kept beside the parse cache and printed again,
 * byte for byte, by the next run of the same command on the same corpus while nothing in it has
 * changed. A warm run's own work on 10,000 articles is a fraction of formatting its output again
 * (the 12 MB of `stats --json`); with this, an unchanged corpus costs its listing and one stat of
 * each file.
 *
 * A stored output is printed only when it was made by this build, in this language, for the same
 * command, options, PATH arguments and working folder (what decides the paths printed), and for
 * the same pairs with the same sizes and modification times, in the same order. It is not kept
 * from a run that wrote anything to standard error (a problem, a skipped link: the two streams'
 * order is not kept), that failed, that changed a file (`check --fix`), or in which a file had
 * changed too recently to trust its time (RACY_MS). A damaged or foreign file is a miss, and is
 * replaced by the next run's.
 */
import * as l10n from '@vscode/l10n';
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheVersion, nextFileFor, prepareFolder, readAt, removeAbandoned, type DiskNextFile } from './cache';
import { cachePlace } from './cachePlace';
import { trailerLine } from '../core/cache/files';
import { CorpusListing } from './corpusFiles';
import { languageBundle } from './language';
import type { Output } from './output';

export interface OutputRequest {
  /** The command and the options that shape its output, e.g. ['stats', '--json']: one stored output for each. */
  readonly command: readonly string[];
  readonly paths: readonly string[];
  /** false with --no-cache, or for a run that writes (check --fix): nothing is read or stored. */
  readonly enabled: boolean;
}

const TRAILER_KEY = 'newsmarkOutput';
const FORMAT = 1;
const NEWLINE = 0x0a;
/** Bytes of the stored output read (hashed, written, or decoded and printed up to a line break) at a time. */
const PIECE = 1 << 20;

/**
 * Runs the command with its corpus listed (and stamped, when the cache is in use), or prints the
 * stored output of an identical earlier run instead; stores this run's output for the next one.
 */
export async function withStoredOutput(request: OutputRequest, out: Output, run: (out: Output, listing: CorpusListing) => Promise<number>): Promise<number> {
  if (!request.enabled) return run(out, CorpusListing.of(request.paths, (notice) => out.error(notice), false));
  let spoke = false;
  const listing = CorpusListing.of(request.paths, (notice) => {
    spoke = true;
    out.error(notice);
  }, true);
  const keyHash = createHash('sha256').update(`${JSON.stringify([languageBundle() ?? '', process.cwd(), request.command, request.paths])}\n`);
  const place = listing.hashInto(keyHash) && request.paths.length > 0 ? cachePlace(request.paths[0]!) : undefined;
  if (!place) return run(out, listing);
  const file = join(place.folder, `${request.command.map((part) => part.replace(/^-+/, '')).join('-')}-${place.corpus}${place.language}.out`);
  const key = keyHash.digest('hex');
  const version = cacheVersion();
  const stored = spoke ? undefined : await reprint(file, version, key, out);
  if (stored !== undefined) return stored;

  const next = spoke || listing.racy() ? undefined : NextOutput.start(file);
  const tee: Output = {
    line(text) {
      out.line(text);
      next?.append(text);
    },
    error(text) {
      next?.drop();
      out.error(text);
    },
    // Bytes are stored as they go by, before the output may reuse their buffer.
    ...(out.write ? {
      write: (chunk: string | Uint8Array) => {
        next?.appendBytes(typeof chunk === 'string' ? ENCODER.encode(chunk) : chunk);
        return out.write!(chunk);
      },
    } : {}),
  };
  try {
    const code = await run(tee, listing);
    await next?.commit({ [TRAILER_KEY]: FORMAT, newsmark: version, key, exit: code }, place.folder);
    return code;
  } finally {
    next?.drop();
  }
}

/**
 * The output being stored, written as it is printed into a file beside the stored one and renamed
 * onto it when the run has ended well. Storing it never costs the run anything but time: a write
 * that fails (a full disk) drops it, and the command goes on.
 */
class NextOutput {
  private readonly hash: Hash = createHash('sha256');

  private constructor(private file: DiskNextFile | undefined) {}

  static start(path: string): NextOutput | undefined {
    try {
      mkdirSync(dirname(path), { recursive: true });
      return new NextOutput(nextFileFor(path));
    } catch {
      return undefined; // no folder there, or one we may not write: this run's output is not kept
    }
  }

  append(line: string): void {
    if (this.file) this.appendBytes(ENCODER.encode(`${line}\n`));
  }

  appendBytes(bytes: Uint8Array): void {
    if (!this.file) return;
    try {
      this.file.append(bytes);
      this.hash.update(bytes);
    } catch {
      this.drop();
    }
  }

  /** Ends the file with its trailer and puts it in place; dropped instead when that fails. */
  async commit(trailer: Record<string, unknown>, folder: string): Promise<void> {
    const file = this.file;
    if (!file) return;
    try {
      file.append(ENCODER.encode(`${JSON.stringify({ ...trailer, bytes: file.size, sha256: this.hash.digest('hex') })}\n`));
      await file.commit((fs) => prepareFolder(fs, folder));
      this.file = undefined;
    } catch {
      this.drop();
    }
  }

  /** Not kept (a line on standard error, a failed write, a failed run): the file beside it is removed. */
  drop(): void {
    const file = this.file;
    this.file = undefined;
    try {
      file?.discard();
    } catch {
      // gone already, or not ours to remove: a later run removes what is left (removeAbandoned)
    }
  }
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

/**
 * Prints the stored output when the file holds one made for `key` by this version, and returns
 * the exit code it was stored with; undefined (nothing printed) otherwise.
 */
async function reprint(file: string, version: string, key: string, out: Output): Promise<number | undefined> {
  removeAbandoned(file.slice(0, file.lastIndexOf('/')));
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const trailer = await storedFor(fd, version, key);
    if (!trailer) return undefined;
    // Once printing has begun, a failure is the command's: nothing is printed twice.
    await printBody(fd, file, trailer.bytes, out);
    return trailer.exit;
  } finally {
    closeSync(fd);
  }
}

/** The trailer of a whole output stored for `key` by this version, or undefined (also when the file cannot be read). */
async function storedFor(fd: number, version: string, key: string): Promise<Trailer | undefined> {
  try {
    const trailer = trailerOf(fd, fstatSync(fd).size);
    return trailer && trailer.newsmark === version && trailer.key === key && (await bodyHash(fd, trailer.bytes)) === trailer.sha256 ? trailer : undefined;
  } catch {
    return undefined;
  }
}

interface Trailer {
  readonly newsmark: string;
  readonly key: string;
  readonly exit: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** The last line, when it is a trailer whose byte count accounts for everything before it. */
function trailerOf(fd: number, size: number): Trailer | undefined {
  const line = trailerLine(size, (from, to) => readAt(fd, from, to));
  if (!line) return undefined;
  const { [TRAILER_KEY]: format, newsmark, key, exit, bytes, sha256 } = line.value;
  // The body is everything before the trailer: a file cut short or spliced has another length.
  return format === FORMAT && typeof newsmark === 'string' && typeof key === 'string' && Number.isInteger(exit) && bytes === line.at && typeof sha256 === 'string'
    ? { newsmark, key, exit: exit as number, bytes, sha256 }
    : undefined;
}

/**
 * The body's SHA-256, read a piece at a time into one buffer (a new one per piece cost a page
 * fault per 4 kB: a tenth of a reprinted `stats --json`): a body changed in place, keeping its
 * length, is not printed.
 */
async function bodyHash(fd: number, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const whole = await eachPiece(fd, bytes, (piece) => void hash.update(piece));
  return whole ? hash.digest('hex') : '';
}

/** The first `bytes` of the file, a piece at a time, through one buffer (each `take` done with it before the next read); false when the file is shorter. */
async function eachPiece(fd: number, bytes: number, take: (piece: Uint8Array) => void | Promise<void>): Promise<boolean> {
  const buffer = Buffer.allocUnsafe(Math.min(bytes, PIECE));
  for (let at = 0; at < bytes; at += PIECE) {
    const length = Math.min(bytes - at, PIECE);
    for (let got = 0; got < length;) {
      const n = readSync(fd, buffer, got, length - got, at + got);
      if (n === 0) return false;
      got += n;
    }
    await take(buffer.subarray(0, length));
  }
  return true;
}

/**
 * The body, a piece at a time: as bytes where the output takes them (standard output), otherwise
 * each piece cut after its last line break, decoded and printed as lines.
 */
async function printBody(fd: number, file: string, bytes: number, out: Output): Promise<void> {
  if (out.write) {
    // Cut short since its hash was taken (another run replacing it does so by rename: not this file).
    if (!(await eachPiece(fd, bytes, (piece) => out.write!(piece)))) throw new Error(l10n.t('the stored output {0} was cut short while it was printed.', file));
    return;
  }
  let at = 0;
  while (at < bytes) {
    let piece = readAt(fd, at, Math.min(bytes, at + PIECE));
    let end = piece.lastIndexOf(NEWLINE);
    // A line longer than a piece: read on to its end.
    for (let to = at + piece.length; end < 0 && to < bytes; to = at + piece.length) {
      piece = readAt(fd, at, Math.min(bytes, to + PIECE));
      end = piece.lastIndexOf(NEWLINE);
    }
    if (end < 0) end = piece.length; // the body ends without a line break: only a damaged file, but printed as it is
    out.line(DECODER.decode(piece.subarray(0, end)));
    at += end + 1;
  }
}
