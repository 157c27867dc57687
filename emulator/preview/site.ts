// Which Mini Program the preview shows and where its build lives. Bookcase's own (miniprogram/) builds
// into .build/preview/ with the repository's build targets; any other project (`--project <dir>`) builds
// into a folder of its own, .build/preview-<hash of its path>/, so two projects never overwrite each
// other's bundle and the other project's folder gets no build output.
import { createHash } from 'crypto'
import path from 'path'

export interface PreviewSite {
  /** Bookcase's folder: scripts/build/, the runtime in emulator/preview/, .build/. */
  toolDir: string
  /** The Mini Program shown (the folder of its app.json). */
  miniprogramRoot: string
  /** The built preview served at / (index.html, app.js, …). */
  buildDir: string
  /** Bookcase's own Mini Program, built by `scripts/build.mjs preview` with its typings and function. */
  own: boolean
}

export function previewSite(toolDir: string, miniprogramRoot: string): PreviewSite {
  const tool = path.resolve(toolDir)
  const root = path.resolve(miniprogramRoot)
  const own = root === path.join(tool, 'miniprogram')
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 12)
  return { toolDir: tool, miniprogramRoot: root, buildDir: path.join(tool, '.build', own ? 'preview' : `preview-${hash}`), own }
}

/** The command (arguments to node) that builds the preview of another project. */
export function projectBuildArgs(site: PreviewSite): string[] {
  return [path.join(site.toolDir, 'scripts', 'build', 'preview.mjs'), '--root', site.miniprogramRoot, '--out', site.buildDir]
}
