// Vite plugin: after a build, a Brotli and a gzip copy of every text file in web/dist, which the API sends to
// browsers that accept them (@fastify/static's preCompressed), so no request pays for compressing the app.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(?:js|css|html|svg|json)$/;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'ocop-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await filesUnder(outDir)).filter((file) => TEXT.test(file));
      await Promise.all(
        files.map(async (file) => {
          const body = await readFile(file);
          const brotli = await promisify(brotliCompress)(body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
          });
          await writeFile(`${file}.br`, brotli);
          await writeFile(`${file}.gz`, await promisify(gzip)(body, { level: 9 }));
        }),
      );
    },
  };
}
