// Rebuild-on-reload for `npm start`: when the shell page is requested and a source is newer than what
// was built from it, run `node scripts/build.mjs <targets>` first. Edit a page (or the function), reload
// the browser, see the change; no watcher process to leak. The function runner already starts fresh
// instances when a function's index.js changes, so rebuilding it is enough.
import { execFile } from 'child_process'
import { existsSync, readdirSync, statSync } from 'fs'
import path from 'path'

interface Target {
  /** The scripts/build/<name>.mjs target. */
  name: string
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

/** The preview, and every cloud function with TypeScript sources (cloudfunctions/<name>/src). */
function targetsOf(projectDir: string, previewIndex: string): Target[] {
  const typings = path.join(projectDir, 'typings')
  const targets: Target[] = [
    { name: 'preview', sources: [path.join(projectDir, 'miniprogram'), path.join(projectDir, 'emulator', 'preview'), typings], built: previewIndex },
  ]
  const functionsDir = path.join(projectDir, 'cloudfunctions')
  const functions = existsSync(functionsDir) ? readdirSync(functionsDir).filter((name) => existsSync(path.join(functionsDir, name, 'src'))) : []
  for (const name of functions) {
    targets.push({ name: 'function', sources: [path.join(functionsDir, name, 'src'), typings], built: path.join(functionsDir, name, 'index.js') })
  }
  return targets
}

export class PreviewFreshness {
  private running: Promise<string | null> | null = null
  private readonly targets: Target[]

  constructor(
    private readonly projectDir: string,
    previewIndex: string,
    private readonly log: (message: string) => void = (m) => console.log(m),
  ) {
    this.targets = targetsOf(projectDir, previewIndex)
  }

  /** Resolves once the builds are current: null, or the build's error output when it failed. */
  ensure(): Promise<string | null> {
    if (this.running) return this.running
    const stale = [...new Set(this.targets.filter((t) => Math.max(...t.sources.map(newestMtime)) > builtAt(t.built)).map((t) => t.name))]
    if (stale.length === 0) return Promise.resolve(null)
    this.log(`[preview] sources changed: rebuilding ${stale.join(' and ')}`)
    this.running = new Promise((resolve) => {
      const script = path.join(this.projectDir, 'scripts', 'build.mjs')
      execFile(process.execPath, [script, ...stale], { cwd: this.projectDir }, (error, stdout, stderr) => {
        this.running = null
        resolve(error ? `The build failed (${stale.join(', ')}):\n\n${stderr || stdout || error.message}` : null)
      })
    })
    return this.running
  }
}
