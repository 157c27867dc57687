// The project's rule files under database/ (security-rules.json, storage-rules.json): JSON objects whose
// keys starting with "/" are comments (as in indexes.json), checked by a schema. A file that is not
// there means "the default"; one that is there but wrong stops the start with one line naming it.
import { existsSync, readFileSync } from 'fs'
import type { z } from 'zod'
import { StartupError } from './errors'

/** The file's content checked by `schema`, comment keys dropped; undefined when there is no such file. */
export function readRulesFile<S extends z.ZodType>(file: string, schema: S): z.output<S> | undefined {
  if (!existsSync(file)) return undefined
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new StartupError(`${file}: not JSON (${(error as Error).message})`)
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) raw = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('/')))
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new StartupError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`)
  return parsed.data
}
