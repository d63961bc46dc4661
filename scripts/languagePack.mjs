// A minimal language pack, so code-server started with --locale <lang> really switches the display
// language and Newsmark gets its own bundle (l10n/bundle.l10n.<lang>.json, package.nls.<lang>.json).
//
// Why it is needed: VS Code's server resolves the language from <user-data-dir>/languagepacks.json.
// Without an entry for the locale there, it serves the English workbench and tells the extension
// host "en", whatever --locale says. The marketplace pack cannot be downloaded here, and VS Code
// only needs one entry whose translations file exists: with an empty `contents` every workbench
// string falls back to English, so the workbench stays English and only the extension speaks the
// language. And code-server's `--install-extension` runs VS Code's CLI, which installs the pack
// but never writes languagepacks.json (only the running server's language pack service does, when
// it installs a pack itself): so the entry is written here, as that service writes it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Names the pack gives its language (languageName, localizedLanguageName). */
const LANGUAGE_NAMES = { de: ['German', 'Deutsch'] };

const PUBLISHER = 'newsmark-test';
const VERSION = '0.0.1';

// --- a .vsix: a zip with the extension under extension/ (stored, uncompressed) ---------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of FILES ({ name: string or Buffer }), every entry stored. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    locals.push(local, fileName, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The pack's manifest for LOCALE: one localization, its `vscode` translations in translations/main.i18n.json. */
export function languagePackManifest(locale) {
  const [languageName, localizedLanguageName] = LANGUAGE_NAMES[locale] ?? [locale, locale];
  return {
    name: `language-pack-${locale}`,
    displayName: `${languageName} language pack for Newsmark's tests (workbench stays English)`,
    publisher: PUBLISHER,
    version: VERSION,
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{
        languageId: locale,
        languageName,
        localizedLanguageName,
        translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
      }],
    },
  };
}

function run(cmd, args, { env, logFile }) {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, 'a');
    writeFileSync(fd, `\n$ ${[cmd, ...args].join(' ')}\n`);
    const p = spawn(cmd, args, { env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    p.on('error', reject);
    p.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code ?? signal}`))));
  });
}

/**
 * Installs the pack for LOCALE into EXTENSIONSDIR with code-server's CLI (ENTRY, with ENV), then
 * writes USERDATADIR/languagepacks.json as VS Code's language pack service would for it.
 * SCRATCH holds the .vsix; LOGFILE gets the CLI's output.
 */
export async function installLanguagePack({ locale, entry, scratch, userDataDir, extensionsDir, config, env, logFile }) {
  const manifest = languagePackManifest(locale);
  const vsix = join(scratch, `${manifest.name}.vsix`);
  writeFileSync(vsix, zip({
    'extension/package.json': JSON.stringify(manifest, null, 2),
    // Empty: every workbench string falls back to VS Code's own English.
    'extension/translations/main.i18n.json': JSON.stringify({ version: '1.0.0', contents: {} }),
  }));
  await run(process.execPath, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', config, '--install-extension', vsix], { env, logFile });

  const id = `${PUBLISHER}.${manifest.name}`;
  const installed = JSON.parse(readFileSync(join(extensionsDir, 'extensions.json'), 'utf8'))
    .find((e) => e.identifier?.id?.toLowerCase() === id);
  if (!installed) throw new Error(`code-server did not install the ${locale} language pack (${id}); see ${logFile}`);
  const folder = installed.location?.fsPath ?? join(extensionsDir, installed.relativeLocation);
  const [localization] = manifest.contributes.localizations;
  // As LanguagePacksCache (vs/platform/languagePacks/node/languagePacks.ts) writes it: the hash names
  // the cache folder of the generated workbench messages, one per pack version.
  const hash = createHash('md5').update(installed.identifier.uuid || installed.identifier.id).update(installed.version).digest('hex');
  const packs = {
    [locale]: {
      hash,
      extensions: [{ extensionIdentifier: installed.identifier, version: installed.version }],
      translations: Object.fromEntries(localization.translations.map((t) => [t.id, join(folder, t.path)])),
      label: localization.localizedLanguageName,
    },
  };
  mkdirSync(userDataDir, { recursive: true });
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}
