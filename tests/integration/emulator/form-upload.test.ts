// The COS form upload (POST to the signed upload URL) that wx-server-sdk before 4.x uses: what it must
// refuse. Its success, with the real SDKs, is in sdk-majors.test.ts.
import { startEmulator, type EmulatorHandle } from '../../support/emulator'

let emu: EmulatorHandle
beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(async () => {
  await emu?.stop()
})

/** A signed upload URL, as the SDK gets it from storage.getUploadMetadata. */
async function uploadUrl(path: string): Promise<string> {
  const res = await fetch(`${emu.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.getUploadMetadata', envName: 'bookcase-local', path }),
  })
  return ((await res.json()) as { data: { url: string } }).data.url
}

const form = (parts: Record<string, Blob | string>) => {
  const data = new FormData()
  for (const [name, value] of Object.entries(parts)) data.append(name, value)
  return data
}

const stored = async (path: string) => {
  const res = await fetch(`${emu.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.batchGetDownloadUrl', envName: 'bookcase-local', file_list: [{ fileid: `cloud://bookcase-local.626f-bookcase-local-1300000000/${path}` }] }),
  })
  const url = ((await res.json()) as { data: { download_list: { tempFileURL?: string }[] } }).data.download_list[0].tempFileURL
  return url ? (await fetch(url)).status === 200 : false
}

test('a form with a file part stores its bytes', async () => {
  const url = await uploadUrl('form/ok.bin')
  const res = await fetch(url, { method: 'POST', body: form({ key: 'form/ok.bin', file: new Blob([new Uint8Array([0xff, 0, 1])]) }) })
  expect(res.status).toBe(200)
  expect(await stored('form/ok.bin')).toBe(true)
  expect(await stored('form/never.bin')).toBe(false)
})

test.each<[string, () => Promise<RequestInit>]>([
  ['not multipart', async () => ({ body: 'just bytes', headers: { 'content-type': 'application/octet-stream' } })],
  ['a form without a file part', async () => ({ body: form({ key: 'form/x.bin', file: 'a text field, not a file' }) })],
  ['a cut-off form', async () => ({ body: '--b\r\ncontent-disposition: form-data; name="file"; filename="x"\r\n\r\nabc', headers: { 'content-type': 'multipart/form-data; boundary=b' } })],
])('%s is a 400 in COS XML, and nothing is stored', async (_what, init) => {
  const url = await uploadUrl('form/refused.bin')
  const res = await fetch(url, { method: 'POST', ...(await init()) })
  expect(res.status).toBe(400)
  expect(await res.text()).toMatch(/^<\?xml .*<Code>InvalidArgument<\/Code>/)
  expect(await stored('form/refused.bin')).toBe(false)
  // Still serving.
  expect((await fetch(`${emu.url}/health`)).status).toBe(200)
})

test('a form to a URL whose signature does not match is a 403, and a cross-site form post is refused', async () => {
  const url = new URL(await uploadUrl('form/forged.bin'))
  url.searchParams.set('sign', '0'.repeat(64))
  expect((await fetch(url, { method: 'POST', body: form({ file: new Blob(['x']) }) })).status).toBe(403)
  const signed = await uploadUrl('form/forged.bin')
  const crossSite = await fetch(signed, { method: 'POST', headers: { origin: 'http://evil.example' }, body: form({ file: new Blob(['x']) }) })
  expect(crossSite.status).toBe(403)
  expect(await stored('form/forged.bin')).toBe(false)
})
