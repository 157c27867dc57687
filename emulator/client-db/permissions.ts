// Who may do what through the client database, per collection (emulator/README.md,
// "Client database"). `database/security-rules.json` names each collection's
// permission: a basic mode by its CloudBase ACL tag, or custom security rules. A collection it does not
// name is PRIVATE, the mode a collection made with createCollection starts in.
import { z } from 'zod'
import { StartupError } from '../errors'
import { readRulesFile } from '../rules-file'
import { compileRule, RuleError, type CompiledRule } from './rules/expression'

/**
 * The four basic modes, by the ACL tags of CloudBase's API (the console's names in the comments):
 *   READONLY    仅创建者可写，所有人可读: all read; update/remove own documents only; add
 *   PRIVATE     仅创建者可读写: reads, updates and removes see own documents only; add
 *   ADMINWRITE  仅管理端可写，所有人可读: all read; no client writes
 *   ADMINONLY   仅管理端可读写: no client access at all
 */
export const BASIC_MODES = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY'] as const
export type BasicMode = (typeof BASIC_MODES)[number]

export const DEFAULT_MODE: BasicMode = 'PRIVATE'

export const RULE_KEYS = ['read', 'write', 'create', 'update', 'delete'] as const
export type RuleKey = (typeof RULE_KEYS)[number]
export type Rule = boolean | CompiledRule

export type Permission = { mode: BasicMode } | { rules: Partial<Record<RuleKey, Rule>> }

export type Access = 'read' | 'create' | 'update' | 'delete'

const ruleValue = z.union([z.boolean(), z.string()])
const fileSchema = z.record(
  z.string().regex(/^[A-Za-z][\w-]{0,63}$/),
  z.union([z.enum(BASIC_MODES), z.strictObject(Object.fromEntries(RULE_KEYS.map((k) => [k, ruleValue.optional()])) as Record<RuleKey, z.ZodOptional<typeof ruleValue>>)]),
)

export class Permissions {
  constructor(private readonly byCollection: Map<string, Permission>) {}

  /** Reads `file` (a missing file: every collection in the default mode); a bad entry stops the start. */
  static load(file: string): Permissions {
    const rules = readRulesFile(file, fileSchema)
    if (!rules) return new Permissions(new Map())
    const map = new Map<string, Permission>()
    for (const [collection, entry] of Object.entries(rules)) {
      if (typeof entry === 'string') {
        map.set(collection, { mode: entry })
        continue
      }
      const rules: Partial<Record<RuleKey, Rule>> = {}
      for (const key of RULE_KEYS) {
        const value = entry[key]
        if (value === undefined) continue
        try {
          rules[key] = typeof value === 'boolean' ? value : compileRule(value)
        } catch (error) {
          if (error instanceof RuleError) throw new StartupError(`${file}: ${collection}.${key}: ${error.message}`)
          throw error
        }
      }
      map.set(collection, { rules })
    }
    return new Permissions(map)
  }

  of(collection: string): Permission {
    return this.byCollection.get(collection) ?? { mode: DEFAULT_MODE }
  }
}

/** The rule that decides `access`: create/update/delete fall back to write; an unset key is false. */
export function ruleFor(rules: Partial<Record<RuleKey, Rule>>, access: Access): Rule {
  if (access === 'read') return rules.read ?? false
  return rules[access] ?? rules.write ?? false
}

/**
 * What a basic mode does to an access: 'allow', 'deny', or 'own' (allowed, limited to the caller's own
 * documents by an implicit `_openid` filter; another's document is then simply not matched).
 * A caller without identity owns nothing, so 'own' becomes 'deny' for it (UNVERIFIED).
 */
export function modeDecision(mode: BasicMode, access: Access): 'allow' | 'deny' | 'own' {
  switch (mode) {
    case 'ADMINONLY':
      return 'deny'
    case 'ADMINWRITE':
      return access === 'read' ? 'allow' : 'deny'
    case 'READONLY':
      return access === 'read' || access === 'create' ? 'allow' : 'own'
    case 'PRIVATE':
      return access === 'create' ? 'allow' : 'own'
  }
}
