// Built-in components (view, input, switch, ...) are registered with j-component like custom ones: a
// `<slot/>` template, properties, and a native element inside the host where a browser has one.
import * as jComponent from 'j-component/src/index'
import type { Instance } from '../engine/types'

export type BuiltinThis = Instance & { native?: HTMLElement }

export interface BuiltinDefinition {
  properties?: Record<string, { type: unknown; value?: unknown }>
  /** Runs when the host is attached: build the native element, wire its events. */
  attached?(this: BuiltinThis, host: HTMLElement): void
  /** Runs whenever a property changes (and once after attached). */
  update?(this: BuiltinThis, host: HTMLElement): void
  /** A form field's current value, for <form bindsubmit> (fields need a `name`). */
  formValue?(this: BuiltinThis): unknown
}

/** Host element -> its built-in instance (forms find their fields and buttons their form this way). */
export const builtinOf = new WeakMap<Element, BuiltinThis & { formValue?: () => unknown }>()

export function defineBuiltin(name: string, definition: BuiltinDefinition = {}): void {
  // `hidden` works on every built-in in WXML.
  const properties = { hidden: { type: Boolean, value: false }, ...definition.properties }
  const names = Object.keys(properties)
  const refresh = function (this: BuiltinThis, host: HTMLElement) {
    definition.update?.call(this, host)
    reflect(host, 'data-wx-hidden', this.data.hidden)
    if (names.includes('name')) reflect(host, 'data-name', this.data.name)
  }
  const observers: Record<string, () => void> = {
    [names.join(',')]: function (this: BuiltinThis) {
      const host = this._exparserNode.$$
      if (host && this.native !== undefined) refresh.call(this, host)
    },
  }
  jComponent.register({
    id: name,
    tagName: `wx-${name}`,
    template: '<slot/>',
    properties,
    observers,
    lifetimes: {
      attached(this: BuiltinThis) {
        const host = this._exparserNode.$$
        definition.attached?.call(this, host)
        this.native ??= host
        const formValue = definition.formValue
        builtinOf.set(host, Object.assign(this, formValue ? { formValue: () => formValue.call(this) } : {}))
        refresh.call(this, host)
      },
    },
  })
}

/** Reflects a property as a host attribute (for the base CSS): true -> data-x="", false -> removed. */
export function reflect(host: HTMLElement, attribute: string, value: unknown): void {
  if (value === false || value === undefined || value === null || value === '') host.removeAttribute(attribute)
  else host.setAttribute(attribute, value === true ? '' : String(value))
}

/** Calls `fn` on every WXML tap on this host (mouse click via the tap bridge, or touch). */
export function onTap(self: BuiltinThis, fn: () => void): void {
  self._exparserNode.addListener('tap', () => {
    fn()
  })
}
