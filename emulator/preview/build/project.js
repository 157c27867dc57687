// Reads a Mini Program the way WeChat does: app.json's pages, then every component they (transitively)
// declare in usingComponents. Gives each page/component the names the preview renders it with.
// CommonJS so that both the build (an ES module) and the unit tests (jest) can load it.
const { existsSync, readFileSync } = require('node:fs')
const path = require('node:path')

const SCRIPT_EXTENSIONS = ['.ts', '.js']

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
}

/** `pages/book/index` -> `pages-book`: unique per path, a valid class prefix and custom-element name. */
function scopeName(modulePath) {
  const parts = modulePath.split('/').filter((p) => p && p !== 'index')
  return parts.join('-').replace(/[^a-zA-Z0-9-]/g, '-').toLowerCase()
}

/** Resolves a usingComponents value against the module that declares it (absolute = from the root). */
function resolveComponent(from, value) {
  const joined = value.startsWith('/') ? value.slice(1) : path.posix.join(path.posix.dirname(from), value)
  return path.posix.normalize(joined)
}

/**
 * @returns {{ app: object, root: string, modules: Array<{ path: string, kind: 'page'|'component',
 *   config: object, using: Record<string,string>, script: string|null, wxss: string|null, scope: string }>,
 *   appScript: string|null, appWxss: string|null }}
 */
function readProject(root) {
  const app = readJson(path.join(root, 'app.json'))
  const modules = new Map()
  const findFile = (modulePath, extensions) =>
    extensions.map((ext) => path.join(root, modulePath + ext)).find((f) => existsSync(f)) ?? null

  const visit = (modulePath, kind) => {
    if (modules.has(modulePath)) return
    const config = readJson(path.join(root, `${modulePath}.json`))
    const using = {}
    const entry = { path: modulePath, kind, config, using, scope: scopeName(modulePath) }
    modules.set(modulePath, entry)
    for (const [tag, value] of Object.entries(config.usingComponents ?? {})) {
      // plugin:// and extended-lib components cannot run here; the runtime reports them by name.
      if (typeof value !== 'string' || value.includes('://')) continue
      const target = resolveComponent(modulePath, value)
      if (!existsSync(path.join(root, `${target}.json`))) continue
      using[tag] = target
      visit(target, 'component')
    }
    entry.script = findFile(modulePath, SCRIPT_EXTENSIONS)
    entry.wxss = findFile(modulePath, ['.wxss'])
  }
  for (const page of app.pages ?? []) visit(page, 'page')
  for (const [, value] of Object.entries(app.usingComponents ?? {})) {
    if (typeof value === 'string' && !value.includes('://')) visit(resolveComponent('app', value), 'component')
  }
  return {
    app,
    root,
    modules: [...modules.values()],
    appScript: findFile('app', SCRIPT_EXTENSIONS),
    appWxss: findFile('app', ['.wxss']),
  }
}

module.exports = { scopeName, readProject }
