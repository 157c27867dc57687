// Cloud storage through the real SDK: upload (metadata + PUT to the emulator), temp URL, download, delete;
// and the signed URLs' edge: a request the emulator did not sign, or whose path is malformed or leaves the
// bucket, is refused with 403 or 400, never a 500.
import net from 'net'
import { connectSdk, startEmulator, type EmulatorHandle } from '../../support/emulator'

let emu: EmulatorHandle
// wx-server-sdk's d.ts types calls as `Promise<R> | void`; see database.test.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let cloud: any

beforeAll(async () => {
  emu = await startEmulator()
  cloud = connectSdk(emu.url)
})
afterAll(async () => {
  await emu?.stop()
})

const FILE = '/_/storage/file/'
const UPLOAD = '/_/storage/upload/'
/** Query string of a URL that looks signed but is not: the path decides nothing before the signature. */
const FORGED = `?expires=${Date.now() + 3_600_000}&sign=${'0'.repeat(64)}`

async function tempUrl(fileID: string): Promise<string> {
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
  expect(fileList[0].status).toBe(0)
  return fileList[0].tempFileURL
}

/** Sends `head` (method and target) as is, where fetch would normalise the target; answers the status and body. */
function rawRequest(head: string | Buffer, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(emu.port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text: text.slice(text.indexOf('\r\n\r\n') + 4) })
    })
    const length = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''
    // Written, not ended: node's server drops the answer to a client that half-closes first.
    socket.write(Buffer.concat([Buffer.from(head), Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${emu.port}\r\n${length}Connection: close\r\n\r\n${body}`)]))
  })
}

test('upload → temp URL → download → delete', async () => {
  const content = Buffer.from('封面 cover bytes \u0000\u0001\u0002')
  const uploaded = await cloud.uploadFile({ cloudPath: 'covers/三体.png', fileContent: content })
  expect(uploaded.fileID).toMatch(/^cloud:\/\/.+\/covers\/三体\.png$/)

  const { fileList } = await cloud.getTempFileURL({ fileList: [uploaded.fileID, { fileID: 'cloud://x.y/missing.png', maxAge: 60 }] })
  expect(fileList[0]).toMatchObject({ fileID: uploaded.fileID, status: 0 })
  expect(fileList[1]).toMatchObject({ status: -503003, tempFileURL: '' })
  // The temp URL carries the path raw, as the platform's do; fetch() percent-encodes it as a browser would.
  expect(fileList[0].tempFileURL).toContain('/covers/三体.png?')
  const fetched = await fetch(fileList[0].tempFileURL)
  expect(fetched.status).toBe(200)
  expect(Buffer.from(await fetched.arrayBuffer())).toEqual(content)
  // A tampered signature is refused.
  expect((await fetch(fileList[0].tempFileURL.replace(/sign=[0-9a-f]+/, 'sign=deadbeef'))).status).toBe(403)

  const downloaded = await cloud.downloadFile({ fileID: uploaded.fileID })
  expect(downloaded.fileContent).toEqual(content)

  const deleted = await cloud.deleteFile({ fileList: [uploaded.fileID] })
  expect(deleted.fileList[0]).toMatchObject({ fileID: uploaded.fileID, status: 0 })
  const again = await cloud.getTempFileURL({ fileList: [uploaded.fileID] })
  expect(again.fileList[0].status).toBe(-503003)
})

test('a temp URL works however the client spells its path: SDK, fetch, lower-case hex', async () => {
  // encodeURI() (the SDK) encodes [ ] | ^ but fetch() and browsers send them raw; ' ( ) ! ~ * stay raw in both.
  const cloudPath = "covers/[1] a|b^c'(d)!~*&=+$,;:@ 三体.txt"
  const content = Buffer.from('spelled many ways')
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content })
  expect((await cloud.downloadFile({ fileID })).fileContent).toEqual(content)

  const url = await tempUrl(fileID)
  const fetched = await fetch(url)
  expect(fetched.status).toBe(200)
  expect(Buffer.from(await fetched.arrayBuffer())).toEqual(content)

  const { pathname, search } = new URL(encodeURI(url))
  const spellings = [pathname, pathname.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()), pathname.replace(/'/g, '%27').replace(/~/g, '%7E')]
  for (const spelling of spellings) {
    const reply = await rawRequest(`GET ${spelling}${search}`)
    expect(reply.status).toBe(200)
    expect(reply.text).toContain(content.toString())
  }
})

// Malformed percent-encoding: refused (400 where the server checks the target first, 403 here otherwise).
test.each([
  ['bad percent-encoding', '%zz'],
  ['a lone %', 'covers/%'],
  ['truncated UTF-8', '%E4%B8'],
])('a request with %s in its path is refused with JSON or COS XML, never a 500', async (_what, target) => {
  const get = await fetch(`${emu.url}${FILE}${target}${FORGED}`)
  expect([400, 403]).toContain(get.status)
  expect(get.headers.get('content-type')).toMatch(/^application\/json/)
  expect(await get.json()).toEqual({ error: expect.any(String) })
  const put = await rawRequest(`PUT ${UPLOAD}${target}${FORGED}`, 'x')
  expect([400, 403]).toContain(put.status)
  expect((await fetch(`${emu.url}/health`)).status).toBe(200)
})

// Well-formed encodings of paths that would leave the bucket or break the file system: the signature is
// checked before anything decodes them, so they are refused as unsigned (GET as JSON, PUT as COS's XML).
test.each([
  ['an encoded slash that climbs out', '..%2f..%2fescape.txt'],
  ['an encoded NUL', 'a%00b.png'],
  ['an encoded backslash', '..%5c..%5cescape.txt'],
])('a request with %s in its path is refused as unsigned: 403', async (_what, target) => {
  const get = await fetch(`${emu.url}${FILE}${target}${FORGED}`)
  expect(get.status).toBe(403)
  expect(get.headers.get('content-type')).toMatch(/^application\/json/)
  expect(await get.json()).toEqual({ error: 'signature invalid or expired' })
  const put = await rawRequest(`PUT ${UPLOAD}${target}${FORGED}`, 'x')
  expect(put.status).toBe(403)
  expect(put.text).toMatch(/^<\?xml .*<Error><Code>AccessDenied<\/Code>/)
})

test('a valid signature does not carry over to another path, however it is encoded', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'shelf/a.txt', fileContent: Buffer.from('a') })
  const url = new URL(await tempUrl(fileID))
  for (const path of ['shelf/a.txt%00', 'shelf%2fa.txt', 'shelf/..%2f..%2fa.txt', 'shelf/b/../a.txt%2e', 'shelf/a.txt/']) {
    expect((await rawRequest(`GET ${FILE}${path}${url.search}`)).status).toBe(403)
  }
  for (const path of ['shelf/a.txt%zz', 'shelf/%E4%B8']) {
    expect([400, 403]).toContain((await rawRequest(`GET ${FILE}${path}${url.search}`)).status)
  }
  expect((await fetch(url)).status).toBe(200)
})

test('raw request targets the URL parser would otherwise mend are refused, never a 500', async () => {
  const targets = [`${FILE}..\\..\\escape${FORGED}`, `${FILE}a/../../../x${FORGED}`, Buffer.from(`${FILE}\xe4\xb8${FORGED}`, 'latin1')]
  for (const target of targets) {
    const { status } = await rawRequest(Buffer.concat([Buffer.from('GET '), Buffer.from(target)]))
    expect([400, 403, 404]).toContain(status)
  }
  expect((await fetch(`${emu.url}/health`)).status).toBe(200)
})

test('cloud paths a raw temp URL cannot carry are refused at upload', async () => {
  for (const cloudPath of ['../../escape.txt', 'a\nb.txt', 'tab\there.txt', 'lone-\ud800.txt', 'a%20b.txt', 'back\\slash.txt']) {
    await expect(cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  }
})

test('an upload that a stored file or folder is in the way of answers 409 in XML, which the SDK reports', async () => {
  await cloud.uploadFile({ cloudPath: 'clash/inner.txt', fileContent: Buffer.from('x') })
  for (const cloudPath of ['clash', 'clash/inner.txt/deeper.txt']) {
    await expect(cloud.uploadFile({ cloudPath, fileContent: Buffer.from('y') })).rejects.toMatchObject({ errMsg: expect.stringMatching(/409|in the way/) })
  }
  expect((await fetch(`${emu.url}/health`)).status).toBe(200)
})

test('an upload over the size limit answers 413 in XML, which the SDK reports', async () => {
  const tooBig = Buffer.alloc(50 * 1024 * 1024 + 1)
  await expect(cloud.uploadFile({ cloudPath: 'big.bin', fileContent: tooBig })).rejects.toMatchObject({ errMsg: expect.stringContaining('EntityTooLarge') })
  expect((await cloud.getTempFileURL({ fileList: ['cloud://x.y/big.bin'] })).fileList[0].status).toBe(-503003)
})

test('a HEAD of a temp URL answers its size without the body, as a GET would with it', async () => {
  const content = Buffer.from('cover bytes')
  const { fileID } = await cloud.uploadFile({ cloudPath: 'covers/head.png', fileContent: content })
  const url = await tempUrl(fileID)
  const head = await fetch(encodeURI(url), { method: 'HEAD' })
  expect(head.status).toBe(200)
  expect(head.headers.get('content-length')).toBe(String(content.length))
  expect(await head.text()).toBe('')
  expect(Buffer.from(await (await fetch(encodeURI(url))).arrayBuffer())).toEqual(content)
})
