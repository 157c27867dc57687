// Shapes of j-component / exparser objects as the preview touches them.

/** What a Component/Page `this` is: the method caller j-component builds around an exparser node. */
export interface Instance {
  data: Record<string, unknown>
  setData(data: Record<string, unknown>, callback?: () => void): void
  triggerEvent(name: string, detail?: unknown, options?: { bubbles?: boolean; composed?: boolean }): void
  _exparserNode: ExparserNode
  /** Page-only fields the framework adds. */
  route?: string
  options?: Record<string, string>
  [method: string]: unknown
}

export interface ExparserNode {
  $$: HTMLElement
  dataset: Record<string, unknown>
  id: string
  addListener(name: string, handler: (event: { detail: unknown }) => unknown, options?: { capture?: boolean }): void
}

export interface RootComponent {
  readonly dom: HTMLElement
  readonly instance: Instance
  attach(parent: Element): void
  detach(): void
  triggerPageLifeTime(name: string, ...args: unknown[]): void
  /** Dispatches a WXML event (e.g. `tap`) at a DOM event's target. */
  _triggerExparserEvent(event: Event, name: string, detail?: Record<string, unknown>): void
}
