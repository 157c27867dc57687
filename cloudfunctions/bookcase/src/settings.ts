// Numbers the function reads from its environment variables (cloudbaserc.json `envVariables`).

/** `value` as a positive number, else `fallback` (unset, empty, zero, negative or not a number). */
export function positiveSetting(value: string | undefined, fallback: number): number {
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? n : fallback
}
