// Measures what a page sends through setData: each payload's JSON size in bytes, which is what
// crosses from the logic layer to the view layer in WeChat (limit 1 MB; aim far lower).
export function payloadBytes(payload: unknown): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8')
}

/** Wraps `instance.setData` and returns the live list of payload sizes, in call order. */
export function measureSetData(instance: { setData(data: object, callback?: () => void): void }): number[] {
  const sizes: number[] = []
  const original = instance.setData.bind(instance)
  instance.setData = (data: object, callback?: () => void) => {
    sizes.push(payloadBytes(data))
    original(data, callback)
  }
  return sizes
}
