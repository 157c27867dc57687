// Who may reach the emulator: the Host check for every request and each route's guard (emulator/http/guards.ts).
import { RequestGuards } from '../../../emulator/http/guards'

const guards = new RequestGuards(9871)
/** Headers as node's headersDistinct gives them. */
const h = (headers: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]))

const sdk = { host: '127.0.0.1:9871', 'content-type': 'application/json' }

test('Host must be a loopback name for the bound port, any case', () => {
  for (const host of ['127.0.0.1:9871', 'localhost:9871', 'LocalHost:9871', '[::1]:9871']) {
    expect(guards.hostRefusal(h({ host }))).toBeUndefined()
  }
  for (const host of ['evil.example:9871', '127.0.0.1:9872', '127.0.0.1', 'localhost', 'localhost.:9871', '127.0.0.2:9871', '']) {
    expect(guards.hostRefusal(h({ host }))).toMatch(/Host|required/)
  }
  expect(guards.hostRefusal(h({}))).toMatch(/Host header is required/)
  expect(guards.hostRefusal(h({ host: ['127.0.0.1:9871', 'evil.example'] }))).toMatch(/more than one Host/)
})

test('on port 80 the bare names are this emulator too, as browsers leave the port out', () => {
  const on80 = new RequestGuards(80)
  expect(on80.hostRefusal(h({ host: 'localhost' }))).toBeUndefined()
  expect(on80.refusal('same-origin', h({ origin: 'http://localhost' }))).toBeUndefined()
})

test("'sdk': what wx-server-sdk sends passes; an Origin, a Sec-Fetch-Site or another content type does not", () => {
  expect(guards.refusal('sdk', h(sdk))).toBeUndefined()
  expect(guards.refusal('sdk', h({ ...sdk, 'content-type': 'Application/JSON; charset=utf-8' }))).toBeUndefined()
  // Node's fetch sends Sec-Fetch-Mode alone; browsers always add Sec-Fetch-Site.
  expect(guards.refusal('sdk', h({ ...sdk, 'sec-fetch-mode': 'cors' }))).toBeUndefined()
  expect(guards.refusal('sdk', h({ ...sdk, origin: 'http://127.0.0.1:9871' }))).toMatch(/Origin/)
  expect(guards.refusal('sdk', h({ ...sdk, origin: 'null' }))).toMatch(/Origin/)
  for (const site of ['cross-site', 'same-site', 'same-origin', 'none']) {
    expect(guards.refusal('sdk', h({ ...sdk, 'sec-fetch-site': site }))).toMatch(/Sec-Fetch-Site/)
  }
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain; application/json', 'application/jsonx']) {
    expect(guards.refusal('sdk', h({ ...sdk, 'content-type': type }))).toMatch(/content-type/)
  }
  expect(guards.refusal('sdk', h({ host: sdk.host }))).toMatch(/content-type/)
})

test("'same-origin': the emulator's own pages and header-less clients pass; other sites do not", () => {
  expect(guards.refusal('same-origin', h({}))).toBeUndefined()
  for (const origin of ['http://127.0.0.1:9871', 'http://localhost:9871', 'http://[::1]:9871']) {
    expect(guards.refusal('same-origin', h({ origin, 'sec-fetch-site': 'same-origin' }))).toBeUndefined()
  }
  expect(guards.refusal('same-origin', h({ 'sec-fetch-site': 'none' }))).toBeUndefined()
  for (const origin of ['http://evil.example', 'http://127.0.0.1:3000', 'https://127.0.0.1:9871', 'null', 'http://127.0.0.1:9871/']) {
    expect(guards.refusal('same-origin', h({ origin }))).toMatch(/Origin/)
  }
  for (const site of ['cross-site', 'same-site']) {
    expect(guards.refusal('same-origin', h({ 'sec-fetch-site': site }))).toMatch(/Sec-Fetch-Site/)
    expect(guards.refusal('same-origin', h({ origin: 'http://127.0.0.1:9871', 'sec-fetch-site': site }))).toMatch(/Sec-Fetch-Site/)
  }
  expect(guards.refusal('same-origin', h({ origin: ['http://127.0.0.1:9871', 'http://evil.example'] }))).toMatch(/more than one/)
})

test("'host-only' adds nothing to the Host check", () => {
  expect(guards.refusal('host-only', h({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }))).toBeUndefined()
})
