// Rebuild-on-reload for `npm start`: when the shell page is requested and a file under miniprogram/
// or the preview's own source is newer than the build, run `node scripts/build.mjs preview` first.
// Edit a page, reload the browser, see the change; no watcher process to leak.
import { execFile } from 'child_process'
import { readdirSync, statSync } from 'fs'
import path from 'path'

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

export class PreviewFreshness {
  private running: Promise<string | null> | null = null

  constructor(
    private readonly projectDir: string,
    private readonly builtFile: string,
    private readonly log: (message: string) => void = (m) => console.log(m),
  ) {}

  /** Resolves once the build is current: null, or the build's error output when it failed. */
  ensure(): Promise<string | null> {
    if (this.running) return this.running
    let built = 0
    try {
      built = statSync(this.builtFile).mtimeMs
    } catch {
      // not built yet: build now
    }
    const sources = [path.join(this.projectDir, 'miniprogram'), path.join(this.projectDir, 'emulator', 'preview')]
    if (Math.max(...sources.map(newestMtime)) <= built) return Promise.resolve(null)
    this.log('[preview] sources changed: rebuilding the browser preview')
    this.running = new Promise((resolve) => {
      const script = path.join(this.projectDir, 'scripts', 'build.mjs')
      execFile(process.execPath, [script, 'preview'], { cwd: this.projectDir }, (error, stdout, stderr) => {
        this.running = null
        resolve(error ? `The browser preview failed to build:\n\n${stderr || stdout || error.message}` : null)
      })
    })
    return this.running
  }
}
