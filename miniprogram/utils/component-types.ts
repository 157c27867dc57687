// Typed component properties and events, in the style of tdesign-miniprogram's `type.ts`: each
// component declares its properties (with literal unions where a property takes a fixed set of
// values) and its events' details once, in components/<name>/type.ts. The component's index.ts
// passes the declared properties to Component(), so `this.data` carries the literal types, and pages
// type their handlers with the component's event types instead of restating the detail.
// Declare a component's props as a `type` alias, not an `interface`: Component() takes a
// PropertyOption (a string-indexed record), which only an alias satisfies implicitly.

/** A property of a component: its runtime constructor and its default, with the value's real type. */
export interface Prop<Constructor extends WechatMiniprogram.Component.PropertyType, Value> {
  type: Constructor
  value: Value
}

export type StringProp<Value extends string = string> = Prop<StringConstructor, Value>
export type NumberProp = Prop<NumberConstructor, number>
export type BooleanProp = Prop<BooleanConstructor, boolean>
export type ObjectProp<Value extends object> = Prop<ObjectConstructor, Value>

/** The event a page's handler receives for `Name`, one of the component's declared events. */
export type ComponentEvent<Events, Name extends keyof Events> = WechatMiniprogram.CustomEvent<Events[Name] & WechatMiniprogram.IAnyObject>

/** triggerEvent restricted to the component's declared events and their details. */
export function emitterOf<Events>(component: { triggerEvent(name: string, detail?: object): void }) {
  return <Name extends keyof Events & string>(name: Name, detail: Events[Name]): void => {
    component.triggerEvent(name, detail as object)
  }
}
