// Security-rule expressions (emulator/README.md, "Client
// database"): parsed by jsep, checked against what the platform allows, and evaluated here over
// `auth`, `doc`, `request.data`, `now` and `get('database.<collection>.<id>')`. Nothing is ever eval'd.
//
// Evaluation is three-valued. For a query, `doc` is the query condition, not a document: a field the
// query pins to one value (`_openid: '{openid}'`) has that value, any other field is UNKNOWN. An
// expression that is true whatever the unknown fields hold is true for every document the query can
// match, so the query is a subset of the rule; UNKNOWN is refused, as the platform refuses such a query
// as a whole.
import jsep from 'jsep'

jsep.addBinaryOp('in', 7)

/** Platform limits (emulator/README.md, "Client database"). */
export const MAX_EXPRESSION_LENGTH = 1024
export const MAX_GETS_PER_EXPRESSION = 3
export const MAX_GET_NESTING = 2
export const MAX_GET_DOCUMENTS = 10

export const UNKNOWN: unique symbol = Symbol('unknown')
type Value = unknown

export class RuleError extends Error {}

export interface CompiledRule {
  source: string
  ast: jsep.Expression
}

const BINARY = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', '&&', '||', '+', '-', '*', '/', '%', 'in'])
const UNARY = new Set(['!', '-', '+'])
const ROOTS = new Set(['auth', 'doc', 'request', 'now'])

/** Parses and checks one rule expression; a RuleError says what the platform would refuse. */
export function compileRule(source: string): CompiledRule {
  if (source.length > MAX_EXPRESSION_LENGTH) throw new RuleError(`longer than ${MAX_EXPRESSION_LENGTH} characters`)
  let ast: jsep.Expression
  try {
    ast = jsep(source)
  } catch (error) {
    throw new RuleError(`does not parse: ${(error as Error).message}`)
  }
  let gets = 0
  const check = (node: jsep.Expression, getDepth: number): void => {
    switch (node.type) {
      case 'Literal':
        return
      case 'Identifier':
        if (!ROOTS.has(node.name as string)) throw new RuleError(`unknown variable ${String(node.name)}`)
        return
      case 'MemberExpression':
        check(node.object as jsep.Expression, getDepth)
        if (node.computed) check(node.property as jsep.Expression, getDepth)
        return
      case 'BinaryExpression':
        if (!BINARY.has(node.operator as string)) throw new RuleError(`operator ${String(node.operator)} is not allowed`)
        check(node.left as jsep.Expression, getDepth)
        check(node.right as jsep.Expression, getDepth)
        return
      case 'UnaryExpression':
        if (!UNARY.has(node.operator as string)) throw new RuleError(`operator ${String(node.operator)} is not allowed`)
        check(node.argument as jsep.Expression, getDepth)
        return
      case 'ConditionalExpression':
        for (const part of [node.test, node.consequent, node.alternate]) check(part as jsep.Expression, getDepth)
        return
      case 'ArrayExpression':
        for (const element of node.elements as jsep.Expression[]) if (element) check(element, getDepth)
        return
      case 'CallExpression': {
        const callee = node.callee as jsep.Expression
        const args = node.arguments as jsep.Expression[]
        if (callee.type !== 'Identifier' || callee.name !== 'get' || args.length !== 1) throw new RuleError('the only function is get(path)')
        if (++gets > MAX_GETS_PER_EXPRESSION) throw new RuleError(`more than ${MAX_GETS_PER_EXPRESSION} get() calls`)
        if (getDepth + 1 > MAX_GET_NESTING) throw new RuleError(`get() nested deeper than ${MAX_GET_NESTING}`)
        check(args[0], getDepth + 1)
        return
      }
      default:
        throw new RuleError(`${node.type} is not allowed`)
    }
  }
  check(ast, 0)
  return { source, ast }
}

/** What `doc.<path>` is: a concrete document's field, or what a query pins it to (UNKNOWN when it does not). */
export type DocView = (path: string[]) => Value

export interface RuleContext {
  auth: { openid: string } | null
  doc: DocView
  request: { data?: unknown }
  now: number
  /** One document by collection and id, or null; counts toward MAX_GET_DOCUMENTS. */
  get: (collection: string, id: string) => Promise<Value>
}

/** A reference to a field of `doc`, resolved only when its value is needed (so `doc.a.b` is one lookup). */
class DocPath {
  constructor(readonly path: string[]) {}
}

/** A concrete value's own property; prototypes (`constructor`, `__proto__`) are not reachable. */
function property(object: Value, key: Value): Value {
  if (object === UNKNOWN) return UNKNOWN
  if (object === null || typeof object !== 'object' || (typeof key !== 'string' && typeof key !== 'number')) return undefined
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string | number, Value>)[key] : undefined
}

const comparable = (v: Value): Value => (v instanceof Date ? v.getTime() : v)

function equal(a: Value, b: Value): boolean {
  return comparable(a) === comparable(b)
}

/** Kleene truth: true, false or UNKNOWN. */
function truth(v: Value): boolean | typeof UNKNOWN {
  return v === UNKNOWN ? UNKNOWN : Boolean(v)
}

function binary(op: string, a: Value, b: Value): Value {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN
  switch (op) {
    case '==':
    case '===':
      return equal(a, b)
    case '!=':
    case '!==':
      return !equal(a, b)
    case 'in':
      return Array.isArray(b) && b.some((item) => equal(a, item))
  }
  const x = comparable(a) as number
  const y = comparable(b) as number
  switch (op) {
    case '<':
      return x < y
    case '<=':
      return x <= y
    case '>':
      return x > y
    case '>=':
      return x >= y
    case '+':
      return typeof x === 'string' || typeof y === 'string' ? String(x) + String(y) : x + y
    case '-':
      return x - y
    case '*':
      return x * y
    case '/':
      return x / y
    default:
      return x % y
  }
}

const GET_PATH = /^database\.([A-Za-z][\w-]{0,63})\.(.+)$/

/** The rule's value under `ctx`; `true` (and nothing else) grants. */
export async function evaluate(rule: CompiledRule, ctx: RuleContext): Promise<Value> {
  const resolve = (v: Value): Value => (v instanceof DocPath ? ctx.doc(v.path) : v)
  const value = async (node: jsep.Expression): Promise<Value> => resolve(await raw(node))
  const raw = async (node: jsep.Expression): Promise<Value> => {
    switch (node.type) {
      case 'Literal':
        return node.value
      case 'Identifier':
        if (node.name === 'doc') return new DocPath([])
        if (node.name === 'auth') return ctx.auth
        if (node.name === 'now') return ctx.now
        return ctx.request
      case 'MemberExpression': {
        const object = await raw(node.object as jsep.Expression)
        const key = node.computed ? await value(node.property as jsep.Expression) : (node.property as jsep.Expression).name
        if (object instanceof DocPath) return key === UNKNOWN ? UNKNOWN : new DocPath([...object.path, String(key)])
        return property(object, key)
      }
      case 'BinaryExpression': {
        const op = node.operator as string
        const l = await value(node.left as jsep.Expression)
        const shortCut = truthOr(op, l)
        if (shortCut !== undefined) return shortCut
        const r = await value(node.right as jsep.Expression)
        if (op === '&&' || op === '||') return logical(op, truth(l), truth(r))
        return binary(op, l, r)
      }
      case 'UnaryExpression': {
        const v = await value(node.argument as jsep.Expression)
        if (v === UNKNOWN) return UNKNOWN
        return node.operator === '!' ? !v : node.operator === '-' ? -(v as number) : +(v as number)
      }
      case 'ConditionalExpression': {
        const test = truth(await value(node.test as jsep.Expression))
        if (test === UNKNOWN) return UNKNOWN
        return value((test ? node.consequent : node.alternate) as jsep.Expression)
      }
      case 'ArrayExpression': {
        const items = await Promise.all((node.elements as jsep.Expression[]).map((e) => value(e)))
        return items.includes(UNKNOWN) ? UNKNOWN : items
      }
      case 'CallExpression': {
        const path = await value((node.arguments as jsep.Expression[])[0])
        if (path === UNKNOWN) return UNKNOWN
        const match = typeof path === 'string' ? GET_PATH.exec(path) : null
        if (!match) throw new RuleError(`get() needs 'database.<collection>.<id>', got ${JSON.stringify(path)}`)
        return ctx.get(match[1], match[2])
      }
      default:
        throw new RuleError(`${node.type} is not allowed`)
    }
  }
  return value(rule.ast)
}

/** Short-circuit: `false && …` is false and `true || …` is true without looking further. */
function truthOr(op: string, left: Value): Value {
  if (op === '&&' && left !== UNKNOWN && !left) return false
  if (op === '||' && left !== UNKNOWN && left) return true
  return undefined
}

function logical(op: '&&' | '||', a: boolean | typeof UNKNOWN, b: boolean | typeof UNKNOWN): Value {
  if (op === '&&') return a === false || b === false ? false : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : true
  return a === true || b === true ? true : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : false
}
