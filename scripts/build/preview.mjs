// Builds the browser preview of the Mini Program into .build/preview/ (served by the emulator at /).
// Another project's (`--project`, emulator/preview/site.ts) is built by running this file directly:
// `node scripts/build/preview.mjs --root <miniprogramRoot> --out <dir>`. Either way the folder holds:
//   index.html   the shell page (phone frame + identity switcher)
//   app.js       runtime + j-component + every page/component script + wcc templates (one iife bundle)
//   runtime.css  the frame and WeChat-like built-ins;  mp.css  every WXSS file, rewritten (see wxss.js)
//   mp/...       the Mini Program's static assets (images), at the paths WXML uses
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import esbuild from 'esbuild'
import { readProject } from '../../emulator/preview/build/project.js'
import { compileTemplates } from '../../emulator/preview/build/templates.mjs'
import { readWithImports, transformWxss } from '../../emulator/preview/build/wxss.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RUNTIME = path.join(ROOT, 'emulator/preview/runtime')
const ASSET = /\.(png|jpe?g|gif|svg|webp|ico)$/i

/** The generated entry: boots the runtime with the project's manifest and a loader per script. */
function entrySource(project) {
  const load = (file) => (file ? `() => { require(${JSON.stringify(file)}) }` : 'null')
  const modules = project.modules.map(
    (m) =>
      `{ path: ${JSON.stringify(m.path)}, kind: ${JSON.stringify(m.kind)}, scope: ${JSON.stringify(m.scope)}, ` +
      `config: ${JSON.stringify(m.config)}, using: ${JSON.stringify(m.using)}, load: ${load(m.script)} }`,
  )
  return [
    `import { boot } from ${JSON.stringify(path.join(RUNTIME, 'main.ts'))}`,
    `import gwx from 'preview:templates'`,
    `boot({ app: ${JSON.stringify(project.app)}, loadApp: ${load(project.appScript)}, gwx,`,
    `  modules: [\n    ${modules.join(',\n    ')}\n  ] })`,
  ].join('\n')
}

/** Every WXSS file, scoped to its page/component; app.wxss applies to every page (as in WeChat). */
function stylesheet(project) {
  const appWxss = project.appWxss ? readWithImports(project.appWxss, project.root) : ''
  const parts = []
  for (const m of project.modules) {
    const own = m.wxss ? readWithImports(m.wxss, project.root) : ''
    const shared = m.config.styleIsolation === 'apply-shared' || m.config.styleIsolation === 'shared'
    const global = m.kind === 'page' || shared ? appWxss : ''
    if (!own && !global) continue
    parts.push(`/* ${m.path} */\n` + transformWxss(global + '\n' + own, { prefix: m.scope, hostTag: m.scope }))
  }
  return parts.join('\n')
}

function copyAssets(from, to) {
  for (const name of readdirSync(from)) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const source = path.join(from, name)
    if (statSync(source).isDirectory()) copyAssets(source, path.join(to, name))
    else if (ASSET.test(name)) {
      mkdirSync(to, { recursive: true })
      cpSync(source, path.join(to, name))
    }
  }
}

/** @param {{ root?: string, outDir?: string }} [options] another Mini Program / output (tests, benches) */
export async function build(options = {}) {
  const root = options.root ?? path.join(ROOT, 'miniprogram')
  const finalDir = options.outDir ?? path.join(ROOT, '.build/preview')
  const project = readProject(root)
  const templates = await compileTemplates(root)
  // Build beside the served folder and swap at the end: a running emulator never serves half a build.
  const outDir = `${finalDir}.next-${process.pid}`
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })

  await esbuild.build({
    stdin: { contents: entrySource(project), resolveDir: ROOT, sourcefile: 'preview-entry.js', loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome100',
    minify: true,
    sourcemap: 'linked',
    // j-component assigns to Node's `global` (its only Node-ism).
    define: { global: 'globalThis' },
    outfile: path.join(outDir, 'app.js'),
    logLevel: 'warning',
    plugins: [
      {
        name: 'preview-templates',
        setup(b) {
          b.onResolve({ filter: /^preview:templates$/ }, () => ({ path: 'templates', namespace: 'preview' }))
          b.onLoad({ filter: /.*/, namespace: 'preview' }, () => ({ contents: templates, loader: 'js' }))
        },
      },
    ],
  })
  await esbuild.build({
    entryPoints: [path.join(RUNTIME, 'styles/index.css')],
    bundle: true,
    minify: true,
    outfile: path.join(outDir, 'runtime.css'),
    logLevel: 'warning',
  })
  writeFileSync(path.join(outDir, 'mp.css'), stylesheet(project))
  cpSync(path.join(RUNTIME, 'index.html'), path.join(outDir, 'index.html'))
  copyAssets(root, path.join(outDir, 'mp'))
  const previous = `${finalDir}.old-${process.pid}`
  if (existsSync(finalDir)) renameSync(finalDir, previous)
  renameSync(outDir, finalDir)
  rmSync(previous, { recursive: true, force: true })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { root: { type: 'string' }, out: { type: 'string' } } })
  await build({ root: values.root && path.resolve(values.root), outDir: values.out && path.resolve(values.out) })
}
