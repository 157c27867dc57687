// Registers the Mini Program's pages and components with j-component, on first use: a module's
// usingComponents first, then its script, whose Component() / Page() call this file catches (the
// global constructors WeChat provides) and completes with the module's compiled template and scope.
import * as jComponent from 'j-component/src/index'
import type { Manifest, ModuleEntry } from '../manifest'
import type { RootComponent } from './types'

type Options = Record<string, unknown>

/** Page({...}) -> the equivalent Component({...}) options (handlers and lifecycles become methods). */
export function pageToComponent(options: Options): Options {
  const { data, options: componentOptions, behaviors, ...rest } = options
  const methods: Options = {}
  const fields: Options = {}
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'function') methods[key] = value
    else fields[key] = value
  }
  return {
    data,
    options: componentOptions,
    behaviors,
    methods,
    lifetimes: {
      created(this: Options) {
        Object.assign(this, structuredClone(fields))
      },
    },
  }
}

export class Registry {
  private readonly modules = new Map<string, ModuleEntry>()
  private readonly ids = new Map<string, string>()
  private loading: { entry: ModuleEntry; using: Record<string, string>; registered: boolean } | null = null

  constructor(private readonly manifest: Manifest) {
    for (const entry of manifest.modules) this.modules.set(entry.path, entry)
    const scope = globalThis as unknown as Record<string, unknown>
    scope.Component = (options: Options) => this.define(options)
    scope.Page = (options: Options) => this.define(pageToComponent(options))
    scope.Behavior = (definition: Options) => (jComponent as unknown as { behavior(d: Options): string }).behavior(definition)
  }

  module(path: string): ModuleEntry | undefined {
    return this.modules.get(path)
  }

  /** Creates a fresh instance of a page (not yet attached). */
  create(path: string): RootComponent {
    return jComponent.create(this.idOf(path))
  }

  private idOf(path: string): string {
    const known = this.ids.get(path)
    if (known) return known
    const entry = this.modules.get(path)
    if (!entry) throw new Error(`[preview] no page or component at "${path}" (is it in app.json / usingComponents?)`)
    const id = `mp-${entry.scope}`
    this.ids.set(path, id)
    const using: Record<string, string> = {}
    for (const [tag, target] of Object.entries(entry.using)) using[tag] = this.idOf(target)
    for (const [tag, value] of Object.entries(entry.config.usingComponents ?? {})) {
      if (!(tag in using)) console.error(`[preview] ${entry.path}: component <${tag}> ("${value}") cannot run in the preview`)
    }

    const previous = this.loading
    this.loading = { entry, using, registered: false }
    try {
      entry.load?.()
      if (!this.loading.registered) this.define({}) // a template-only component
    } finally {
      this.loading = previous
    }
    return id
  }

  /**
   * `relations` are keyed by a component's path relative to the declaring one ('../col/index', as Vant's
   * row and col are); exparser links two nodes by their definitions' ids, so each key becomes the
   * target's id (registering it first). j-component's getRelationNodes(path) maps the path to the same id.
   */
  private relationsOf(entry: ModuleEntry, relations: Options | undefined): Options | undefined {
    if (!relations) return undefined
    const out: Options = {}
    for (const [key, relation] of Object.entries(relations)) {
      const target = resolveModulePath(entry.path, key)
      if (!this.modules.has(target)) {
        console.error(`[preview] ${entry.path}: relation "${key}" names no component of this Mini Program`)
        continue
      }
      const id = this.idOf(target)
      out[id] = { ...(relation as Options), target: id }
    }
    return out
  }

  private define(options: Options): void {
    const loading = this.loading
    if (!loading || loading.registered) {
      throw new Error('[preview] Component()/Page() called outside the loading of a page or component module')
    }
    loading.registered = true
    const { entry, using } = loading
    const template = this.manifest.gwx(`${entry.path}.wxml`)
    jComponent.register({
      ...options,
      relations: this.relationsOf(entry, options.relations as Options | undefined),
      id: `mp-${entry.scope}`,
      path: `/${entry.path}`,
      tagName: entry.scope,
      template: typeof template === 'function' ? template : '',
      usingComponents: using,
      options: { ...((options.options as Options) ?? {}), classPrefix: entry.scope },
    })
  }
}

/** A module path ('vant/col/index') from one relative to `from`'s folder, or absolute from the root. */
function resolveModulePath(from: string, key: string): string {
  const parts = key.startsWith('/') ? [] : from.split('/').slice(0, -1)
  for (const part of key.split('/')) {
    if (part === '..') parts.pop()
    else if (part && part !== '.') parts.push(part)
  }
  return parts.join('/')
}
