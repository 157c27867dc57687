// Builds everything `npm start` and the tests run. Each target lives in scripts/build/<target>.mjs
// and exports `build()`; pass target names to build only those (e.g. `node scripts/build.mjs function`).
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import path from 'node:path'

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build')

/** Builds the named targets, or all of them. */
export async function buildTargets(wanted = []) {
  const targets = (await readdir(dir))
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => f.slice(0, -4))
    .filter((name) => wanted.length === 0 || wanted.includes(name))
    .sort()
  for (const name of targets) {
    const started = Date.now()
    const { build } = await import(pathToFileURL(path.join(dir, `${name}.mjs`)).href)
    await build()
    console.log(`build ${name}: ${Date.now() - started} ms`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildTargets(process.argv.slice(2))
