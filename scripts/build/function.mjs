// Builds the deployable cloud function: cloudfunctions/bookcase/src/index.ts → cloudfunctions/bookcase/index.js
// (git-ignored; `npm run build` before deploying). One minified CommonJS file exporting `main`.
//
// Cold start is what a serverless function pays on every new instance, so the bundle is shaped for it
// (measured by tests/bench/function.bench.ts against the classic unbundled template):
// - wx-server-sdk and its dependency tree are bundled in: one file to read instead of hundreds to
//   resolve and read.
// - parts of the SDK this function never calls (AI, data models, storage XML, JWT signing, ...) are
//   wrapped as lazy modules: bundled, but only evaluated if something ever touches them.
// - request-promise (+ request) stays external and is required lazily by domain/http.ts, so only calls
//   that really look a book up pay for loading it. On CloudBase it comes from the function's own
//   node_modules (installDependency); locally from the repo's root node_modules by Node's upward lookup.
// - the import/export file code (src/transfer/) with its CSV, encoding and spreadsheet libraries is a
//   second file, transfer.js, beside index.js: the actions that need it import it lazily, so a cold start
//   of any other action never reads or even parses it (bundled in, their ~0.7 MB cost every cold load
//   about a quarter more).
import { build as esbuild } from 'esbuild'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const functionDir = path.join(root, 'cloudfunctions/bookcase')

/** Runtime dependencies left to node_modules (see package.json of the function). */
export const EXTERNAL = ['request-promise', 'request']

/** Packages inside wx-server-sdk's tree that this function never uses at run time. */
export const LAZY = [
  '@cloudbase/ai',
  '@cloudbase/wx-cloud-client-sdk',
  '@cloudbase/adapter-wx_mp',
  'jsonwebtoken',
  'xml2js',
  'form-data',
  'mime-types',
  'semver',
  'web-streams-polyfill',
  '@mattiasbuelens/web-streams-adapter',
  // Not axios or the proxy agents: the SDK's requests go through them, and deferring them broke it
  // (the function integration tests catch that).
]

/** esbuild plugin: `require('<pkg>')` of a LAZY package returns a proxy that evaluates the real module
 * on first property access. `__esModule` is answered from the real module's value at build time, so
 * TypeScript's interop helpers behave exactly as they would with the module itself. */
function lazyModules(packages) {
  const filter = new RegExp(`^(${packages.map((p) => p.replace(/[/.]/g, '\\$&')).join('|')})$`)
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        if (args.pluginData?.real) return undefined
        return { path: args.path, namespace: 'lazy-module', pluginData: { resolveDir: args.resolveDir } }
      })
      build.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => {
        const resolveDir = args.pluginData.resolveDir
        const real = createRequire(path.join(resolveDir, 'x.js'))(args.path)
        const esModule = Boolean(real && real.__esModule)
        return {
          resolveDir,
          loader: 'js',
          contents: `let real
const load = () => real || (real = require(${JSON.stringify(args.path + '?real')}))
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? ${esModule} : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Object.getOwnPropertyDescriptor(load(), key); if (d) d.configurable = true; return d },
})`,
        }
      })
      // `<pkg>?real` is the real package, resolved from where the lazy stub stood.
      build.onResolve({ filter: /\?real$/ }, (args) =>
        build.resolve(args.path.slice(0, -'?real'.length), { resolveDir: args.resolveDir, kind: args.kind, pluginData: { real: true } }),
      )
    },
  }
}

/** The second file (see the header), beside index.js. */
export const TRANSFER_FILE = 'transfer.js'
/** The transfer modules the actions import lazily; the main bundle reaches them only through TRANSFER_FILE. */
const TRANSFER_MODULES = ['importFile', 'exportFile']

/** esbuild plugin: the main bundle's imports of src/transfer/<module> become `require('./transfer.js')`. */
function transferAsSecondFile() {
  const transferDir = path.join(functionDir, 'src/transfer')
  return {
    name: 'transfer-file',
    setup(build) {
      build.onResolve({ filter: new RegExp(`/transfer/(${TRANSFER_MODULES.join('|')})$`) }, (args) =>
        args.importer.startsWith(transferDir) ? undefined : { path: `./${TRANSFER_FILE}`, external: true },
      )
    },
  }
}

/** esbuild plugin: zod's message locales, English only. zod's `z` namespace re-exports every locale
 * (`z.locales`), so all ~40 of them (about a quarter of zod's bytes in the bundle) would be parsed on every
 * cold start; the function only ever answers with English messages (its error contract). */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined,
      )
      build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))}`,
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }))
    },
  }
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18', // cloudbaserc.json runtime: Nodejs18.15 (the xlsx libraries declare node >= 18)
  format: 'cjs',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  external: EXTERNAL,
  nodePaths: [path.join(root, 'node_modules')],
  logLevel: 'warning',
}

export async function build(options = {}) {
  const { lazy = LAZY, outfile = path.join(functionDir, 'index.js') } = options
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: [path.join(functionDir, 'src/index.ts')],
      outfile,
      // import() of the external transfer file becomes a require() inside a promise: plain CommonJS,
      // resolved next to index.js.
      supported: { 'dynamic-import': false },
      plugins: [...(lazy.length > 0 ? [lazyModules(lazy)] : []), transferAsSecondFile(), zodEnglishOnly()],
    }),
    esbuild({
      ...common,
      stdin: {
        contents: TRANSFER_MODULES.map((module) => `export * from './${module}'`).join('\n'),
        resolveDir: path.join(functionDir, 'src/transfer'),
        loader: 'ts',
        sourcefile: 'transfer-entry.ts',
      },
      outfile: path.join(path.dirname(outfile), TRANSFER_FILE),
      plugins: [zodEnglishOnly()],
    }),
  ])
  return outfile
}
