// Build target `emulator`: bundles the CLI and the function-instance bootstrap into .build/emulator/.
// Dependencies (mingo, bson) stay external and resolve from node_modules. The runner finds the
// bootstrap next to the CLI as worker.js.
import { build as esbuild } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export async function build() {
  await esbuild({
    entryPoints: {
      cli: path.join(root, 'emulator/cli.ts'),
      worker: path.join(root, 'emulator/functions/worker.ts'),
    },
    outdir: path.join(root, '.build/emulator'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  })
}
