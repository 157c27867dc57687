// Small list helpers the function's modules share.

/** `values` in consecutive pieces of at most `size` (the last may be shorter). */
export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size))
  return out
}

/** The distinct values, in first-seen order. */
export const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)]
