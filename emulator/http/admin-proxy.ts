// The one proxy request the emulator answers (emulator/README.md, "Older wx-server-sdk majors"):
// wx-server-sdk 0.x–2.0.x (tcb-admin-node) ignores the URL override and, with TENCENTCLOUD_RUNENV=SCF,
// posts to `http://tcb-admin.tencentyun.com/admin` through the process's HTTP_PROXY. The runner points
// HTTP_PROXY of such a function's instances at this server, with a per-emulator secret in the proxy
// URL's userinfo, which the SDK's `request` library sends as `Proxy-Authorization: Basic …`.
//
// The exception to the Host wall (http/guards.ts) is this narrow: an absolute-form target naming exactly
// that host and path, `Host` naming that host, and the secret. A web page cannot meet it: browsers never
// send an absolute-form target to a server that is not their configured proxy, a page cannot set
// `Proxy-Authorization` (a forbidden header name) and it cannot know the secret. The route it reaches
// still has the 'sdk' guard (no Origin, no Sec-Fetch-Site, a JSON content type).
import { randomBytes, timingSafeEqual } from 'crypto'
import type { IncomingMessage } from 'http'

export const LEGACY_ADMIN_HOST = 'tcb-admin.tencentyun.com'
/** Where a proxied legacy request is routed (the legacy decoder, admin/legacy.ts). */
export const LEGACY_ADMIN_PATH = '/admin/legacy'
const ADMIN_ORIGIN = `http://${LEGACY_ADMIN_HOST}`
const PROXY_USER = 'function'

type Headers = IncomingMessage['headersDistinct']

export class AdminProxy {
  private readonly secret = randomBytes(24).toString('hex')
  private readonly expected = Buffer.from(`Basic ${Buffer.from(`${PROXY_USER}:${this.secret}`).toString('base64')}`)

  /** HTTP_PROXY for a function instance of an old major. */
  proxyUrl(port: number): string {
    return `http://${PROXY_USER}:${this.secret}@127.0.0.1:${port}`
  }

  /**
   * An absolute-form request target (`http://…`) as the origin-form path it is served at, or why it is
   * refused. Only the legacy admin endpoint, only with the secret.
   */
  route(target: string, headers: Headers): { path: string } | { refusal: string } {
    let url: URL
    try {
      url = new URL(target)
    } catch {
      return { refusal: 'not a valid absolute request target' }
    }
    if (url.origin !== ADMIN_ORIGIN || url.pathname !== '/admin' || url.username || url.password) {
      return { refusal: 'this is not a proxy: an absolute request target is answered only for the legacy admin API' }
    }
    const host = headers.host
    if (host?.length !== 1 || host[0].toLowerCase() !== LEGACY_ADMIN_HOST) return { refusal: `a proxied admin request must say Host: ${LEGACY_ADMIN_HOST}` }
    const authorization = headers['proxy-authorization']
    const given = authorization?.length === 1 ? Buffer.from(authorization[0]) : undefined
    if (!given || given.length !== this.expected.length || !timingSafeEqual(given, this.expected)) {
      return { refusal: "a proxied admin request must carry the emulator's proxy credentials (only its function instances have them)" }
    }
    return { path: `${LEGACY_ADMIN_PATH}${url.search}` }
  }
}
