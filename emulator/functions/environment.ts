// The environment a function instance sees (emulator/README.md, "Function runtime"): what makes wx-server-sdk talk only
// to this emulator, plus the function's declared variables, plus, per invocation, the caller's WX
// context exactly as cloud.getWXContext() reads it.

/** Who is calling: from the client gateway, or inherited by a function a function calls. */
export interface Caller {
  openid?: string
  appid?: string
  unionid?: string
  clientIp?: string
  /** TCB_SOURCE: `wx_client` from the Mini Program, `wx_client,scf` for a function called by a function. */
  source: string
}

/**
 * The local environment id. Not `local`: `TCB_ENV=local` with `TENCENTCLOUD_RUNENV=WX_LOCAL_SCF`
 * has a special meaning to wx-server-sdk (DYNAMIC_CURRENT_ENV becomes undefined).
 */
export const ENV_ID = 'bookcase-local'
export const DEFAULT_APPID = 'wx-bookcase-local'

// Host variables worth passing through; anything else (proxies, secrets) stays out of functions.
const PASS_THROUGH = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR', 'NODE_ENV']

export function instanceEnv(adminUrl: string, declared: Record<string, string>, hostEnv: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {}
  for (const key of PASS_THROUGH) if (hostEnv[key] !== undefined) env[key] = hostEnv[key]!
  Object.assign(env, declared, {
    // The SDK's service URL (no '?' allowed in it: the SDK appends its own query).
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    // Skips the SDK's metadata-server lookups (30 ms each, and a 30 s exit delay offline).
    TENCENTCLOUD: 'true',
    // Must be non-empty or the SDK crashes on an unhandled rejection; never checked here.
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    // No 3 s "slow request" timers.
    SILENCE: 'true',
    TCB_ENV: ENV_ID,
    SCF_NAMESPACE: ENV_ID,
    // TCB_CONTEXT_CNFG listed too: @cloudbase/node-sdk 2.1.1–2.3.3 (wx-server-sdk 2.1.2–2.3.0) reads the
    // URL override only through this list; later ones read it directly (emulator/README.md, "Older
    // wx-server-sdk majors").
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SOURCE,TCB_CONTEXT_CNFG',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN',
  })
  return env
}

/** Per invocation. WX_API_TOKEN is opaque and per call: the emulator maps it back to the caller. */
export function invocationEnv(caller: Caller, apiToken: string): Record<string, string | undefined> {
  const ip = caller.clientIp ?? '127.0.0.1'
  return {
    WX_OPENID: caller.openid,
    WX_APPID: caller.openid || caller.appid ? (caller.appid ?? DEFAULT_APPID) : undefined,
    WX_UNIONID: caller.unionid,
    WX_CLIENTIP: ip,
    WX_CLIENTIPV6: ip.includes(':') ? ip : `::ffff:${ip}`,
    WX_API_TOKEN: apiToken,
    TCB_SOURCE: caller.source,
  }
}

/**
 * Replaces and adds to instanceEnv for a function whose wx-server-sdk is older than 2.1
 * (functions/sdk-version.ts), which speaks the legacy wire format (admin/legacy.ts). 0.x–1.x
 * (tcb-admin-node) ignore TCB_CONTEXT_CNFG and, with TENCENTCLOUD_RUNENV=SCF, post to the platform's
 * admin host over plain HTTP through HTTP_PROXY, which is the emulator (http/admin-proxy.ts). 2.0.x
 * (node-sdk 2.0.0-beta) reads TCB_CONTEXT_CNFG, here the legacy route, and reaches it directly
 * (NO_PROXY). Any other request the function makes through a library that honours HTTP_PROXY is
 * refused there: the emulator is no proxy.
 */
export function legacyAdminEnv(legacyUrl: string, proxyUrl: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: legacyUrl }),
    TENCENTCLOUD_RUNENV: 'SCF',
    HTTP_PROXY: proxyUrl,
    NO_PROXY: '127.0.0.1,localhost',
  }
}
