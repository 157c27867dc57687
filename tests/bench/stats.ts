// Shared helpers for benchmarks: timing, percentiles and a printed table.
import { performance } from 'perf_hooks'

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)
  return sortedMs[Math.max(0, index)]
}

export interface Summary {
  n: number
  median: number
  p99: number
  min: number
  max: number
}

export function summarize(samplesMs: number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  }
}

/** Runs `fn` `iterations` times (after `warmup` untimed runs) and returns each run's milliseconds. */
export async function sample(iterations: number, fn: () => unknown, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < iterations; i++) {
    const started = performance.now()
    await fn()
    out.push(performance.now() - started)
  }
  return out
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`

export interface Row {
  figure: string
  value: string
  target?: string
  /** true = meets the target, false = misses it, undefined = no target. */
  ok?: boolean
}

/** Prints one benchmark section as an aligned table. */
export function printSection(title: string, rows: Row[]): void {
  const verdict = (r: Row) => (r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED')
  const cols = [
    Math.max(6, ...rows.map((r) => r.figure.length)),
    Math.max(5, ...rows.map((r) => r.value.length)),
    Math.max(6, ...rows.map((r) => (r.target ?? '').length)),
  ]
  const line = (a: string, b: string, c: string, d: string) =>
    `  ${a.padEnd(cols[0])}  ${b.padStart(cols[1])}  ${c.padEnd(cols[2])}  ${d}`
  console.log(`## ${title}`)
  console.log(line('figure', 'value', 'target', ''))
  for (const r of rows) console.log(line(r.figure, r.value, r.target ?? '', verdict(r)))
  console.log('')
}
