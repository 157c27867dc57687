// The one proxy request the emulator answers (emulator/http/admin-proxy.ts) and which functions are
// routed to it (emulator/functions/sdk-version.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { AdminProxy, LEGACY_ADMIN_PATH } from '../../../emulator/http/admin-proxy'
import { sdkVersionOf, usesLegacyAdminHost } from '../../../emulator/functions/sdk-version'

const h = (headers: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]))

const proxy = new AdminProxy()
const userinfo = new URL(proxy.proxyUrl(9871))
const basic = `Basic ${Buffer.from(`${userinfo.username}:${userinfo.password}`).toString('base64')}`
const target = 'http://tcb-admin.tencentyun.com/admin?&eventId=1&seqId=1'
const host = 'tcb-admin.tencentyun.com'

test('the proxy URL points at the emulator, with a secret of its own per instance', () => {
  expect(userinfo.host).toBe('127.0.0.1:9871')
  expect(userinfo.password.length).toBeGreaterThanOrEqual(32)
  expect(new URL(new AdminProxy().proxyUrl(9871)).password).not.toBe(userinfo.password)
})

test('the admin host, with its Host and the credentials, is routed to the legacy path with its query', () => {
  expect(proxy.route(target, h({ host, 'proxy-authorization': basic }))).toEqual({ path: `${LEGACY_ADMIN_PATH}?&eventId=1&seqId=1` })
  expect(proxy.route('HTTP://TCB-ADMIN.tencentyun.com/admin', h({ host: 'TCB-Admin.tencentyun.com', 'proxy-authorization': basic }))).toEqual({ path: LEGACY_ADMIN_PATH })
})

test.each<[string, string, Record<string, string | string[]>]>([
  ['no credentials', target, { host }],
  ['other credentials', target, { host, 'proxy-authorization': 'Basic ZnVuY3Rpb246Z3Vlc3M=' }],
  ['the credentials twice', target, { host, 'proxy-authorization': [basic, basic] }],
  ['another Host', target, { host: 'evil.example', 'proxy-authorization': basic }],
  ['two Hosts', target, { host: [host, host], 'proxy-authorization': basic }],
  ['another host', 'http://evil.example/admin', { host: 'evil.example', 'proxy-authorization': basic }],
  ['another port', 'http://tcb-admin.tencentyun.com:8080/admin', { host, 'proxy-authorization': basic }],
  ['another path', 'http://tcb-admin.tencentyun.com/admin/../_/data', { host, 'proxy-authorization': basic }],
  ['https', 'https://tcb-admin.tencentyun.com/admin', { host, 'proxy-authorization': basic }],
  ['userinfo in the target', 'http://a:b@tcb-admin.tencentyun.com/admin', { host, 'proxy-authorization': basic }],
  ['no valid URL', 'http://[/admin', { host, 'proxy-authorization': basic }],
])('refused: %s', (_why, url, headers) => {
  expect(proxy.route(url, h(headers))).toEqual({ refusal: expect.any(String) })
})

test('functions on wx-server-sdk before 2.1 use the admin host; 2.1 and later, unknown or no SDK do not', () => {
  for (const version of ['0.8.1', '1.8.3', '2.0.1', '2.0.4']) expect(usesLegacyAdminHost(version)).toBe(true)
  for (const version of ['2.1.2', '2.3.3', '2.7.2', '3.0.4', '4.0.2', '10.0.0', 'latest', '', undefined]) expect(usesLegacyAdminHost(version)).toBe(false)
})

test('the version is the one Node resolves from the function, or undefined', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'sdk-version-'))
  /** A function at <root>/<name>/fn/index.js, with a wx-server-sdk package.json above it when given. */
  const functionWith = (name: string, packageJson?: string) => {
    const entry = path.join(root, name, 'fn', 'index.js')
    mkdirSync(path.dirname(entry), { recursive: true })
    writeFileSync(entry, '')
    if (packageJson !== undefined) {
      mkdirSync(path.join(root, name, 'node_modules', 'wx-server-sdk'), { recursive: true })
      writeFileSync(path.join(root, name, 'node_modules', 'wx-server-sdk', 'package.json'), packageJson)
    }
    return entry
  }
  try {
    expect(sdkVersionOf(functionWith('pinned', JSON.stringify({ name: 'wx-server-sdk', version: '1.8.3' })))).toBe('1.8.3')
    expect(sdkVersionOf(functionWith('none'))).toBeUndefined()
    expect(sdkVersionOf(functionWith('broken', '{not json'))).toBeUndefined()
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
