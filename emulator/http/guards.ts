// Who may reach the emulator (emulator/README.md, "Security"). It has no authentication, so the only
// wall between a reader's data and any web page the developer visits is what a browser cannot forge:
// the Host it connects to, the Origin and Sec-Fetch-Site it stamps on requests, and that a cross-site
// page cannot send `content-type: application/json` without a CORS preflight, which is never granted.
//
// Every request must name this emulator in Host (DNS rebinding: a page on evil.example whose name now
// resolves to 127.0.0.1 still sends `Host: evil.example`). Each route then declares one guard:
//   'sdk'         wx-server-sdk only (POST /admin): no Origin, no Sec-Fetch-Site, a JSON content type;
//   'same-origin' the emulator's own pages and non-browser clients (gateway, /_/…, /health): an Origin
//                 or Sec-Fetch-Site, when present, must say the request comes from the emulator's origin;
//   'host-only'   pages anyone may open (the preview's static files): the Host check alone.
import type { IncomingMessage } from 'http'

export type Guard = 'sdk' | 'same-origin' | 'host-only'

/** The names a browser on this machine uses for the emulator; compared lower-case. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/** Sec-Fetch-Site values of a request the emulator's own page (or the user, typing the URL) made. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none'])

type Headers = IncomingMessage['headersDistinct']

/** A header's one value; `null` when it is sent more than once, which no browser or SDK does. */
function single(headers: Headers, name: string): string | undefined | null {
  const values = headers[name]
  if (!values || values.length === 0) return undefined
  return values.length === 1 ? values[0] : null
}

/** For a reason line: attacker-chosen text, kept short. */
const quoted = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value)

/** A media type's essence: `Application/JSON; charset=utf-8` → `application/json`. */
const essence = (contentType: string) => contentType.split(';', 1)[0].trim().toLowerCase()

export class RequestGuards {
  private readonly hosts: Set<string>
  private readonly origins: Set<string>
  private readonly hostList: string

  constructor(port: number) {
    const hosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`)
    // Browsers leave out the scheme's default port, in Host and in Origin alike.
    const bare = port === 80 ? LOOPBACK_NAMES : []
    this.hosts = new Set([...hosts, ...bare])
    this.origins = new Set([...this.hosts].map((host) => `http://${host}`))
    this.hostList = hosts.join(', ')
  }

  /** Why a request may not be answered at all, or undefined: its Host must name this emulator. */
  hostRefusal(headers: Headers): string | undefined {
    const host = single(headers, 'host')
    if (host === undefined) return `a Host header is required (one of ${this.hostList})`
    if (host === null) return 'more than one Host header'
    if (!this.hosts.has(host.toLowerCase())) return `Host ${quoted(host)} is not this emulator (only ${this.hostList})`
    return undefined
  }

  /** Why a request may not reach a route declared with `guard`, or undefined when it may. */
  refusal(guard: Guard, headers: Headers): string | undefined {
    if (guard === 'host-only') return undefined
    const origin = single(headers, 'origin')
    const fetchSite = single(headers, 'sec-fetch-site')
    if (origin === null || fetchSite === null) return 'more than one Origin or Sec-Fetch-Site header'
    if (guard === 'sdk') {
      // wx-server-sdk sends neither header (emulator/README.md, "Transport"); every browser sends one
      // of them on a cross-site POST. Node's fetch sends Sec-Fetch-Mode only, so that one alone is
      // not taken as a browser.
      if (origin !== undefined) return `the admin API takes wx-server-sdk requests only, not a page's (Origin ${quoted(origin)})`
      if (fetchSite !== undefined) return `the admin API takes wx-server-sdk requests only, not a browser's (Sec-Fetch-Site ${quoted(fetchSite)})`
      const contentType = single(headers, 'content-type')
      if (!contentType || essence(contentType) !== 'application/json') {
        return `the admin API takes content-type application/json only (got ${contentType ? quoted(contentType) : 'none'})`
      }
      return undefined
    }
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) {
      return `Origin ${quoted(origin)} refused: only the emulator's own pages may call it`
    }
    if (fetchSite !== undefined && !OWN_FETCH_SITES.has(fetchSite.toLowerCase())) {
      return `a ${quoted(fetchSite)} request refused (Sec-Fetch-Site): only the emulator's own pages may call it`
    }
    return undefined
  }
}
