/**
 * A worker thread of the parse pool (./parsePool.ts): reads a sidecar and its article, parses
 * the YAML and works out every fact a command or the cache needs, and sends them back as plain
 * data. Built by esbuild into dist/parseWorker.js, beside dist/cli.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { storedTags } from '../core/cache/entry';
import { entryFrom, someFactsOf } from '../core/cache/facts';
import { readPair } from './sidecars';
import type { ParseReply, ParseRequest } from './parsePool';
import { useBundle } from './language';

// The problems a worker reports are in the command's language (dist/parseWorker.js has its own @vscode/l10n).
useBundle((workerData as { l10nBundle?: string } | null)?.l10nBundle);

parentPort?.on('message', (request: ParseRequest) => {
  void answer(request).then(send);
});

/**
 * Answers ready together go back in one message: each message costs a wake-up of the other
 * thread, which took longer than the cloning of a small answer (an eighth of a worker's time).
 * But not more than FLUSH_AT at once: the command takes answers in the corpus's order and asks
 * for the next file only as it takes one, so a worker holding back a whole backlog of answers
 * held up the other worker too, which ran out of files to parse (each was idle about a tenth of
 * a cold `check`; flushing every 32 made it 7–8 % faster, paired runs on 2 cores).
 */
let outbox: ParseReply[] = [];
const FLUSH_AT = 32;

function send(reply: ParseReply): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(reply);
  if (outbox.length >= FLUSH_AT) flush();
}

function flush(): void {
  if (outbox.length === 0) return; // sent already, by FLUSH_AT
  const batch = outbox;
  outbox = [];
  parentPort!.postMessage(batch);
}

async function answer({ id, sidecarPath, withText, withCheck, tags, facts, notableOnly, stamps }: ParseRequest): Promise<ParseReply> {
  try {
    const pair = await readPair(sidecarPath);
    if (!pair.ok) return { id, ok: false, problems: pair.problems };
    if (withCheck) pair.facts.check();
    const { article, sha256, rejected, details } = pair.sidecar;
    return {
      id, ok: true, header: { article, sha256, rejected, details },
      // The stamps only label the entry; the parent trusts it for the cache by its own rules.
      facts: facts ? { some: someFactsOf(pair.facts, facts, notableOnly) } : { entry: entryFrom(pair.facts, pair.sidecar, stamps?.sidecar ?? NO_STAMP, stamps?.article ?? NO_STAMP) },
      ...(tags === 'objects' ? { tags: pair.sidecar.tags } : tags === 'stored' ? { storedTags: JSON.stringify(storedTags(pair.sidecar.tags)) } : {}),
      ...(withText ? { articleLf: pair.articleLf } : {}),
    };
  } catch (error) {
    return { id, ok: 'threw', message: error instanceof Error ? error.message : String(error) };
  }
}

const NO_STAMP = { size: -1, mtime: -1 };
