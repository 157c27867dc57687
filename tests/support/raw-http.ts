// HTTP/1.1 over a bare socket, for tests that send what no well-behaved client would: any request
// target, any Host, lying content-lengths, truncated bodies. The answer is read until the server closes
// the connection (or `timeoutMs` passes), so a reset or a hang shows as such instead of a thrown error.
import net from 'net'

export interface RawReply {
  /** 0 when no status line arrived. */
  status: number
  /** Lower-case names; the last value of a repeated header. */
  headers: Record<string, string>
  body: string
  /** How the exchange ended: closed by the server, reset, or cut off by the timeout. */
  end: 'closed' | 'reset' | 'timeout'
}

export interface RawRequest {
  method?: string
  target: string
  /** Sent exactly as given, in order; `undefined` values are left out. No Host is added unless listed. */
  headers?: Record<string, string | undefined>
  body?: string | Buffer
  /** Adds a correct content-length (default: when there is a body and none is listed). */
  contentLength?: boolean
}

/** The bytes of one request with `connection: close`, so the server closes once it has answered. */
export function requestBytes({ method = 'GET', target, headers = {}, body, contentLength }: RawRequest): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`]
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) lines.push(`${name}: ${value}`)
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body)
  const listsLength = Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')
  if (contentLength ?? (body !== undefined && !listsLength)) lines.push(`content-length: ${payload.length}`)
  lines.push('connection: close')
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload])
}

export function parseReply(raw: Buffer, end: RawReply['end']): RawReply {
  const text = raw.toString('utf8')
  const split = text.indexOf('\r\n\r\n')
  const head = split < 0 ? text : text.slice(0, split)
  const [statusLine, ...headerLines] = head.split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of headerLines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: split < 0 ? '' : text.slice(split + 4), end }
}

/**
 * Writes `bytes` to a new connection (without half-closing it: node drops a request whose client has
 * ended its side) and collects everything the server sends back.
 */
export function exchange(port: number, bytes: Buffer, timeoutMs = 5_000): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let end: RawReply['end'] = 'closed'
    const timer = setTimeout(() => {
      end = 'timeout'
      socket.destroy()
    }, timeoutMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', () => {
      if (end === 'closed') end = 'reset'
    })
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(parseReply(Buffer.concat(chunks), end))
    })
    socket.write(bytes)
  })
}

export const rawRequest = (port: number, request: RawRequest, timeoutMs?: number) => exchange(port, requestBytes(request), timeoutMs)
