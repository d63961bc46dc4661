import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SidecarFile } from '../../src/core/sidecar';
import { closeAll, exists, newsmark, readTextFile, remove, workspaceFile, writeTextFile } from './helpers';

/** A fictional wire story as a browser saves it: JSON-LD, a cookie banner, navigation, a comment form. */
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry link to Orsk Island restored | Coastline Wire</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry link to Orsk Island restored after storm","datePublished":"2026-04-02T07:30:00Z","author":{"@type":"Person","name":"Ines Marrow"},"publisher":{"@type":"Organization","name":"Coastline Wire"},"url":"https://coastline.example/orsk-ferry-restored"}</script>
</head><body>
<div class="cookie-banner">We use cookies. Accept all?</div>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ferry link to Orsk Island restored after storm</h1>
<p class="byline">By Ines Marrow</p>
<p>ORSK HARBOUR, April 2 (Coastline Wire) - The ferry between the mainland and Orsk Island sailed again on Thursday, four days after a storm damaged the landing stage, the island council said.</p>
<p>About 1,400 residents had been cut off since Sunday, when waves tore away part of the pier. Engineers worked through the night to fit a temporary ramp, council spokesman Teodor Lenk said.</p>
<p>"We are not out of the woods yet," Lenk said, adding that crossings would run at half their usual number until the permanent repairs are finished in May.</p>
</article>
<form class="comments"><p>Please enter your comment!</p><textarea></textarea></form>
<script>document.write('tracking pixel text')</script>
</body></html>`;

describe('New Article from Web Page', () => {
  const page = workspaceFile('orsk-ferry.html');
  const made: vscode.Uri[] = [];

  before(async () => writeTextFile(page, PAGE));
  after(async () => {
    await closeAll();
    for (const uri of [page, workspaceFile('not-a-page.html'), ...made.flatMap((u) => [u, u.with({ path: `${u.path}.tags.yaml` })])]) if (await exists(uri)) await remove(uri);
    await (await newsmark()).idle();
  });

  it('makes <outlet>-<date>-<slug>.txt beside the page, the article without the page\'s clutter, its details in the sidecar, and opens it', async () => {
    const api = await newsmark();
    const outcome = await api.ingest.run([page]);
    assert.deepEqual(outcome.refused, []);
    const [written] = outcome.written;
    assert.ok(written);
    made.push(written.article);
    assert.equal(written.article.path.replace(/.*\//, ''), 'coastline-wire-2026-04-02-ferry-link-to-orsk-island-restored-after-storm.txt');
    const text = await readTextFile(written.article);
    assert.equal(text.split('\n')[0], 'Ferry link to Orsk Island restored after storm');
    assert.match(text, /About 1,400 residents had been cut off since Sunday/);
    for (const clutter of ['cookies', 'Please enter your comment', 'tracking pixel', 'Home']) assert.ok(!text.includes(clutter), clutter);
    const sidecar = SidecarFile.parse(await readTextFile(written.article.with({ path: `${written.article.path}.tags.yaml` })));
    assert.ok(sidecar.ok);
    assert.deepEqual(sidecar.sidecar.details, { outlet: 'Coastline Wire', url: 'https://coastline.example/orsk-ferry-restored', published: '2026-04-02T07:30:00Z', headline: 'Ferry link to Orsk Island restored after storm', byline: 'Ines Marrow' });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), written.article.toString());
  });

  it('a second run never overwrites: the new article gets -2', async () => {
    const api = await newsmark();
    const before = await readTextFile(made[0]!);
    const { written } = await api.ingest.run([page]);
    assert.equal(written.length, 1);
    made.push(written[0]!.article);
    assert.match(written[0]!.article.path, /-2\.txt$/);
    assert.equal(await readTextFile(made[0]!), before);
  });

  it('a page with no article in it is refused with a message, and nothing is written', async () => {
    const api = await newsmark();
    const empty = workspaceFile('not-a-page.html');
    await writeTextFile(empty, '<html><body><nav><a href="/">Home</a></nav><p>Subscribe!</p></body></html>');
    const outcome = await api.ingest.run([empty]);
    assert.equal(outcome.written.length, 0);
    assert.equal(outcome.refused.length, 1);
    assert.ok(outcome.refused[0]!.message.length > 10);
  });
});
