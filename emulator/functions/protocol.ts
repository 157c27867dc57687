// Messages between the runner (main thread) and a function's worker thread.

export interface InvokeMessage {
  type: 'invoke'
  requestId: string
  event: unknown
  context: Record<string, unknown>
  /** Per-invocation environment (the caller's WX context); undefined deletes a variable. */
  env: Record<string, string | undefined>
}

export type WorkerMessage =
  /** Sent once the function's module has loaded (or failed to). */
  | { type: 'ready'; error?: string }
  | { type: 'log'; level: 'log' | 'info' | 'warn' | 'error' | 'debug'; text: string; requestId?: string }
  /** `json` is the JSON text of the return value; undefined when the function returned undefined. */
  | { type: 'result'; requestId: string; ok: true; json?: string }
  | { type: 'result'; requestId: string; ok: false; error: string }
  /** The worker could not read an invocation it was sent (its request id is in the unreadable part). */
  | { type: 'unreadable'; error: string }

export interface WorkerData {
  name: string
  entry: string
}
