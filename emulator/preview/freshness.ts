// Rebuild-on-reload for `npm start`: when the shell page is requested and a source is newer than what
// was built from it, run `node scripts/build.mjs <targets>` first. Edit a page (or the function), reload
// the browser, see the change; no watcher process to leak. The function runner already starts fresh
// instances when a function's index.js changes, so rebuilding it is enough.
import { execFile } from 'child_process'
import { existsSync, readdirSync, statSync } from 'fs'
import path from 'path'
import { projectBuildArgs, type PreviewSite } from './site'

interface Target {
  /** The scripts/build/<name>.mjs target. */
  name: string
  /** What to run with node to rebuild it. */
  command: string[]
  sources: string[]
  /** A file the build writes; its mtime is when the target was last built. */
  built: string
}

function newestMtime(dir: string): number {
  let newest = 0
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return 0
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

function builtAt(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

/**
 * Bookcase's own: the preview, and every cloud function with TypeScript sources (cloudfunctions/<name>/src).
 * Another project: its preview only (its functions are plain JavaScript, run as they are).
 */
function targetsOf(site: PreviewSite): Target[] {
  const { toolDir } = site
  const runtime = path.join(toolDir, 'emulator', 'preview')
  const previewIndex = path.join(site.buildDir, 'index.html')
  if (!site.own) return [{ name: 'preview', command: projectBuildArgs(site), sources: [site.miniprogramRoot, runtime], built: previewIndex }]
  const typings = path.join(toolDir, 'typings')
  const buildScript = path.join(toolDir, 'scripts', 'build.mjs')
  const targets: Target[] = [
    { name: 'preview', command: [buildScript, 'preview'], sources: [site.miniprogramRoot, runtime, typings], built: previewIndex },
  ]
  const functionsDir = path.join(toolDir, 'cloudfunctions')
  const functions = existsSync(functionsDir) ? readdirSync(functionsDir).filter((name) => existsSync(path.join(functionsDir, name, 'src'))) : []
  for (const name of functions) {
    targets.push({
      name: 'function',
      command: [buildScript, 'function'],
      sources: [path.join(functionsDir, name, 'src'), typings],
      built: path.join(functionsDir, name, 'index.js'),
    })
  }
  return targets
}

function run(command: string[], cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(process.execPath, command, { cwd }, (error, stdout, stderr) => resolve(error ? stderr || stdout || error.message : null))
  })
}

export class PreviewFreshness {
  private running: Promise<string | null> | null = null
  private readonly targets: Target[]

  constructor(
    private readonly site: PreviewSite,
    private readonly log: (message: string) => void = (m) => console.log(m),
  ) {
    this.targets = targetsOf(site)
  }

  /** Resolves once the builds are current: null, or the build's error output when it failed. */
  ensure(): Promise<string | null> {
    if (this.running) return this.running
    const stale = this.targets.filter((t) => Math.max(...t.sources.map(newestMtime)) > builtAt(t.built))
    // One build per target, though several functions share one.
    const commands = [...new Map(stale.map((t) => [t.name, t.command])).entries()]
    if (commands.length === 0) return Promise.resolve(null)
    this.log(`[preview] sources changed: rebuilding ${commands.map(([name]) => name).join(' and ')}`)
    this.running = (async () => {
      for (const [name, command] of commands) {
        const failure = await run(command, this.site.toolDir)
        if (failure) return `The build failed (${name}):\n\n${failure}`
      }
      return null
    })().finally(() => {
      this.running = null
    })
    return this.running
  }
}
