// Where a Mini Program project keeps its parts, as WeChat DevTools reads them from project.config.json:
// `miniprogramRoot` (the pages; absent means the project folder itself) and `cloudfunctionRoot` (the
// functions; absent here means `cloudfunctions/`, what the DevTools' cloud template creates). Used by
// `--project <dir>` to run another project, and by default for Bookcase's own folder.
import { existsSync, readFileSync } from 'fs'
import path from 'path'
import { StartupError } from './errors'

export interface ProjectLayout {
  /** The project folder: project.config.json, cloudbaserc.json and database/ live here. */
  dir: string
  /** Absolute path of the Mini Program (app.json). */
  miniprogramRoot: string
  /** Absolute path of the cloud functions' folder. */
  cloudfunctionRoot: string
}

export const DEFAULT_CLOUDFUNCTION_ROOT = 'cloudfunctions'

function relativeRoot(config: Record<string, unknown>, key: string, fallback: string): string {
  const value = config[key]
  if (value === undefined) return fallback
  if (typeof value !== 'string') throw new StartupError(`project.config.json: ${key} must be a string`)
  return value
}

/** Reads `<dir>/project.config.json`; without one, the defaults above. */
export function readProjectLayout(projectDir: string): ProjectLayout {
  const dir = path.resolve(projectDir)
  if (!existsSync(dir)) throw new StartupError(`project folder not found: ${dir}`)
  const file = path.join(dir, 'project.config.json')
  let config: Record<string, unknown> = {}
  if (existsSync(file)) {
    try {
      config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    } catch (error) {
      throw new StartupError(`${file}: ${(error as Error).message}`)
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new StartupError(`${file}: expected an object`)
  }
  return {
    dir,
    miniprogramRoot: path.resolve(dir, relativeRoot(config, 'miniprogramRoot', '.')),
    cloudfunctionRoot: path.resolve(dir, relativeRoot(config, 'cloudfunctionRoot', DEFAULT_CLOUDFUNCTION_ROOT)),
  }
}
