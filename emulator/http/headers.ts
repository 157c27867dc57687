// One request header as handlers read it: its first value, or undefined when absent or empty.
import type { IncomingMessage } from 'http'

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  const text = Array.isArray(value) ? value[0] : value
  return text ? text : undefined
}
