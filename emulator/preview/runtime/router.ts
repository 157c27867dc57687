// The page stack, with WeChat's navigation rules: navigateTo pushes (at most 10 pages), navigateBack
// pops, redirectTo replaces the top, switchTab closes every non-tab page and shows a (kept-alive) tab
// page, reLaunch closes everything. Each change is announced so the frame updates its bars and the URL.
import { PageHost } from './page-host'
import type { Registry } from './engine/registry'
import type { AppJson } from './manifest'
import { parsePageUrl, type PageUrl } from './url'

const MAX_STACK = 10

export class NavigationError extends Error {}

export class Router {
  private stack: PageHost[] = []
  private readonly tabPages = new Map<string, PageHost>()
  private nextId = 1
  private readonly listeners: Array<() => void> = []

  constructor(
    private readonly app: AppJson,
    private readonly registry: Registry,
    private readonly container: HTMLElement,
  ) {}

  onChange(listener: () => void): void {
    this.listeners.push(listener)
  }

  get pages(): readonly PageHost[] {
    return this.stack
  }

  get current(): PageHost | undefined {
    return this.stack[this.stack.length - 1]
  }

  get homeRoute(): string {
    return this.app.tabBar?.list[0]?.pagePath ?? this.app.pages[0]
  }

  isTab(route: string): boolean {
    return this.app.tabBar?.list.some((item) => item.pagePath === route) ?? false
  }

  navigateTo(url: string): void {
    const target = this.resolve('navigateTo', url)
    if (this.isTab(target.route)) throw new NavigationError('navigateTo:fail can not navigateTo a tabbar page')
    if (this.stack.length >= MAX_STACK) throw new NavigationError('navigateTo:fail webview count limit exceed')
    this.current?.hide()
    this.open(target)
  }

  navigateBack(delta = 1): void {
    if (this.stack.length <= 1) throw new NavigationError('navigateBack:fail cannot navigate back at first page.')
    const count = Math.min(Math.max(1, delta), this.stack.length - 1)
    for (let i = 0; i < count; i++) this.close(this.stack.pop()!)
    this.current!.show()
    this.changed()
  }

  redirectTo(url: string): void {
    const target = this.resolve('redirectTo', url)
    if (this.isTab(target.route)) throw new NavigationError('redirectTo:fail can not redirectTo a tabbar page')
    const top = this.stack.pop()
    if (top) this.close(top)
    this.open(target)
  }

  switchTab(url: string): void {
    const target = this.resolve('switchTab', url)
    if (!this.isTab(target.route)) throw new NavigationError('switchTab:fail can not switch to no-tabBar page')
    const top = this.current
    if (top?.url.route === target.route && this.stack.length === 1) return
    while (this.stack.length > 0 && !this.isTab(this.current!.url.route)) this.close(this.stack.pop()!)
    this.current?.hide()
    this.stack = []
    const kept = this.tabPages.get(target.route)
    if (kept) {
      this.stack.push(kept)
      kept.show()
      this.changed()
    } else {
      this.open({ route: target.route, query: {} })
    }
  }

  reLaunch(url: string): void {
    const target = this.resolve('reLaunch', url)
    const all = new Set([...[...this.stack].reverse(), ...this.tabPages.values()])
    for (const page of all) page.unload()
    this.stack = []
    this.tabPages.clear()
    this.open(target)
  }

  private resolve(api: string, url: string): PageUrl {
    const target = parsePageUrl(url, this.current?.url.route)
    if (!this.app.pages.includes(target.route) || !this.registry.module(target.route)) {
      throw new NavigationError(`${api}:fail page "${target.route}" is not found`)
    }
    return target
  }

  private open(target: PageUrl): void {
    const entry = this.registry.module(target.route)!
    const page = new PageHost(entry, target, this.nextId++, this.registry, this.app.window ?? {})
    this.container.appendChild(page.element)
    this.stack.push(page)
    if (this.isTab(target.route)) this.tabPages.set(target.route, page)
    page.load()
    page.show()
    page.ready()
    this.changed()
  }

  /** Leaves a page: a tab page stays alive (hidden) until reLaunch, any other page is unloaded. */
  private close(page: PageHost): void {
    if (this.tabPages.get(page.url.route) === page) page.hide()
    else page.unload()
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }
}
