// Field lists checked against their type, and copying by such a list. A list must name every key of
// its type and nothing else (or it does not compile), so a field added to a contract type cannot be
// forgotten by the code that copies fields, and a list can never name a field the type does not have.

type Missing<T, L extends readonly PropertyKey[]> = Exclude<keyof T, L[number]>

/** `fieldList<T>()([...])`: the keys of T, exactly. A forgotten key fails to compile, naming it. */
export const fieldList =
  <T>() =>
  <const L extends readonly (keyof T)[]>(fields: L & ([Missing<T, L>] extends [never] ? unknown : { missing: Missing<T, L> })): L =>
    fields

/** `list` without `dropped`, keeping the element type precise for fieldList's check. */
export const without = <F extends PropertyKey, D extends F>(list: readonly F[], ...dropped: D[]): Exclude<F, D>[] =>
  list.filter((field): field is Exclude<F, D> => !(dropped as F[]).includes(field))

/** The listed fields of `source` that hold a value; any other key `source` carries is left behind. */
export function pickFields<T extends object, K extends keyof T>(source: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>
  for (const field of fields) {
    if (Object.prototype.hasOwnProperty.call(source, field) && source[field] !== undefined) out[field] = source[field]
  }
  return out
}
