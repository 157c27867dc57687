// One client operation against its collection's permission (permissions.ts): denied, or allowed with the
// filter it may run with (the creator modes add the implicit owner filter; custom rules add nothing).
import type { Doc } from '../store/types'
import { modeDecision, ruleFor, type Access, type Permission } from './permissions'
import { documentView, queryView } from './rules/doc-view'
import { evaluate, MAX_GET_DOCUMENTS, RuleError, type RuleContext } from './rules/expression'

export interface AccessRequest {
  access: Access
  openid: string | undefined
  /** The query (read, update, delete); `doc` of a rule is this condition. */
  filter: Doc
  /** create: the new document (`doc` and `request.data`); update: the update (`request.data`). */
  data?: Doc
}

export type Decision = { allowed: true; filter: Doc } | { allowed: false }

/** Reads one document for a rule's get(); undefined/null when there is none. */
export type DocumentReader = (collection: string, id: string) => Promise<Doc | null>

const and = (filter: Doc, extra: Doc): Doc => (Object.keys(filter).length === 0 ? extra : { $and: [filter, extra] })

export async function authorize(permission: Permission, request: AccessRequest, read: DocumentReader, now = Date.now()): Promise<Decision> {
  const { access, openid, filter } = request
  if ('mode' in permission) {
    const decision = modeDecision(permission.mode, access)
    if (decision === 'deny') return { allowed: false }
    if (decision === 'allow') return { allowed: true, filter }
    if (openid === undefined) return { allowed: false }
    return { allowed: true, filter: and(filter, { _openid: openid }) }
  }
  const rule = ruleFor(permission.rules, access)
  if (typeof rule === 'boolean') return rule ? { allowed: true, filter } : { allowed: false }
  const fetched = new Set<string>()
  const ctx: RuleContext = {
    auth: openid === undefined ? null : { openid },
    doc: access === 'create' ? documentView(request.data ?? {}) : queryView(filter),
    request: { data: request.data },
    now,
    get: async (collection, id) => {
      fetched.add(`${collection}\u0000${id}`)
      if (fetched.size > MAX_GET_DOCUMENTS) throw new RuleError(`get() reads more than ${MAX_GET_DOCUMENTS} documents`)
      return (await read(collection, id)) ?? null
    },
  }
  try {
    return (await evaluate(rule, ctx)) === true ? { allowed: true, filter } : { allowed: false }
  } catch (error) {
    // A rule that cannot be evaluated for this request (a bad get() path, too many documents) denies.
    if (error instanceof RuleError) return { allowed: false }
    throw error
  }
}
