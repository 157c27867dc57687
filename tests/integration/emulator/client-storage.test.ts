// Client storage and its permission (emulator/README.md, "Client storage"), asserted per reader: every
// client call goes through the client the preview and the page tests use (emulator/client-storage/client.ts)
// over real HTTP to the built emulator; the function side is the real wx-server-sdk.
import fc from 'fast-check'
import { mkdtempSync, readFileSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { ClientStorageError, createClientStorage, type StorageTransport } from '../../../emulator/client-storage/client'
import { fileTarget, MAX_CLOUD_PATH_BYTES, MAX_FILES_PER_CALL, UPLOAD_PATH, uploadTarget } from '../../../emulator/client-storage/protocol'
import { connectSdk, startEmulator, type EmulatorHandle } from '../../support/emulator'
import { rawRequest } from '../../support/raw-http'

jest.setTimeout(30_000)

const A = 'o-storage-reader-a'
const B = 'o-storage-reader-b'
const DENIED = -503002
const MISSING = -503003
const INVALID = -501007

let emu: EmulatorHandle
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
let sdk: any

/** fetch as the transport: what a script would use. */
const transport =
  (base: () => string): StorageTransport =>
  async ({ method, path: target, headers, body: sent }) => {
    const response = await fetch(`${base()}${target}`, { method, headers, body: sent as BodyInit | undefined })
    const body = new Uint8Array(await response.arrayBuffer())
    return { status: response.status, body, text: () => new TextDecoder().decode(body) }
  }
const as = (openid: string | undefined) => createClientStorage(transport(() => emu.url), () => openid)

/** The errCode and errMsg a call rejects with. */
async function rejection(promise: Promise<unknown>): Promise<ClientStorageError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ClientStorageError) return error
    throw error
  }
  throw new Error('the call succeeded')
}

beforeAll(async () => {
  emu = await startEmulator()
  sdk = connectSdk(emu.url)
})
afterAll(async () => {
  await emu?.stop()
})

const bytes = (text: string) => new TextEncoder().encode(text)
const text = (content: Uint8Array) => new TextDecoder().decode(content)

describe('the uploader (仅创建者可读写, the default)', () => {
  test('uploads, gets a temp URL that serves the file, downloads and deletes it', async () => {
    const uploaded = await as(A).uploadFile(`covers/${A}/三体.jpg`, bytes('jpeg bytes of A'))
    expect(uploaded.statusCode).toBe(200)
    expect(uploaded.fileID).toMatch(new RegExp(`^cloud://[^/]+/covers/${A}/三体\\.jpg$`))

    const { fileList } = await as(A).getTempFileURL([uploaded.fileID, { fileID: uploaded.fileID, maxAge: 60 }])
    expect(fileList[0]).toMatchObject({ fileID: uploaded.fileID, status: 0, errMsg: 'ok', maxAge: 7200 })
    expect(fileList[1]).toMatchObject({ status: 0, maxAge: 60 })
    const fetched = await fetch(fileList[0].tempFileURL)
    expect(await fetched.text()).toBe('jpeg bytes of A')

    expect(text(await as(A).downloadFile(uploaded.fileID))).toBe('jpeg bytes of A')

    // Overwriting one's own file is a write of one's own.
    await as(A).uploadFile(`covers/${A}/三体.jpg`, bytes('second version'))
    expect(text(await as(A).downloadFile(uploaded.fileID))).toBe('second version')

    const deleted = await as(A).deleteFile([uploaded.fileID])
    expect(deleted.fileList).toEqual([{ fileID: uploaded.fileID, status: 0, errMsg: 'ok' }])
    expect((await rejection(as(A).downloadFile(uploaded.fileID))).errCode).toBe(MISSING)
  })

  test('the function sees a client upload through wx-server-sdk, and can delete it', async () => {
    const { fileID } = await as(A).uploadFile(`imports/${A}/library.csv`, bytes('Title,Author\n三体,刘慈欣\n'))
    const { fileContent } = await sdk.downloadFile({ fileID })
    expect(fileContent.toString('utf8')).toBe('Title,Author\n三体,刘慈欣\n')
    const { fileList } = await sdk.deleteFile({ fileList: [fileID] })
    expect(fileList[0].status).toBe(0)
    expect((await rejection(as(A).downloadFile(fileID))).errCode).toBe(MISSING)
  })
})

describe('another reader', () => {
  let fileID: string
  beforeAll(async () => {
    ;({ fileID } = await as(A).uploadFile(`covers/${A}/private.png`, bytes('A only')))
  })

  test('gets no temp URL, cannot download, delete or overwrite, and the file stays as it was', async () => {
    const { fileList } = await as(B).getTempFileURL([fileID])
    expect(fileList[0]).toEqual({ fileID, tempFileURL: '', status: DENIED, errMsg: 'storage permission denied', maxAge: 7200 })

    const download = await rejection(as(B).downloadFile(fileID))
    expect(download.errCode).toBe(DENIED)
    expect(download.errMsg).toMatch(/^cloud\.downloadFile:fail -503002 storage permission denied/)

    expect((await as(B).deleteFile([fileID])).fileList[0]).toMatchObject({ status: DENIED, errMsg: 'storage permission denied' })

    const overwrite = await rejection(as(B).uploadFile(`covers/${A}/private.png`, bytes('B was here')))
    expect(overwrite.errMsg).toMatch(/^cloud\.uploadFile:fail -503002 storage permission denied/)

    expect(text(await as(A).downloadFile(fileID))).toBe('A only')
  })

  test('nor does a caller without identity, who cannot upload either', async () => {
    expect((await as(undefined).getTempFileURL([fileID])).fileList[0].status).toBe(DENIED)
    expect((await rejection(as(undefined).uploadFile('anonymous.txt', bytes('x')))).errCode).toBe(DENIED)
    expect((await rejection(as(undefined).downloadFile(`${fileID.slice(0, fileID.indexOf('/covers'))}/anonymous.txt`))).errCode).toBe(MISSING)
  })

  test('a batch answers per item: ok, denied and missing side by side', async () => {
    const own = await as(B).uploadFile(`covers/${B}/own.png`, bytes('B'))
    const missing = own.fileID.replace('own.png', 'missing.png')
    const { fileList } = await as(B).getTempFileURL([own.fileID, fileID, missing, 'not a file id'])
    expect(fileList.map((item) => item.status)).toEqual([0, DENIED, MISSING, MISSING])
    expect(fileList.map((item) => item.errMsg)).toEqual(['ok', 'storage permission denied', 'storage file not exists', 'storage file not exists'])
  })
})

test('a file a function uploaded has no uploader: no client reads it, the function hands out temp URLs', async () => {
  const { fileID } = await sdk.uploadFile({ cloudPath: 'exports/shelf.csv', fileContent: Buffer.from('function file') })
  expect((await as(A).getTempFileURL([fileID])).fileList[0].status).toBe(DENIED)
  expect((await rejection(as(A).downloadFile(fileID))).errCode).toBe(DENIED)
  expect((await as(A).deleteFile([fileID])).fileList[0].status).toBe(DENIED)
  expect((await rejection(as(A).uploadFile('exports/shelf.csv', bytes('overwrite')))).errCode).toBe(DENIED)
  const { fileList } = await sdk.getTempFileURL({ fileList: [fileID] })
  expect(await (await fetch(fileList[0].tempFileURL)).text()).toBe('function file')
})

test("a function's upload over a reader's file takes it over: the reader no longer reads it", async () => {
  const { fileID } = await as(A).uploadFile(`covers/${A}/replaced.jpg`, bytes('from A'))
  await sdk.uploadFile({ cloudPath: `covers/${A}/replaced.jpg`, fileContent: Buffer.from('from the function') })
  expect((await rejection(as(A).downloadFile(fileID))).errCode).toBe(DENIED)
})

test('the data viewer lists stored files with their uploaders, escaped', async () => {
  await as(A).uploadFile(`viewer/${A}/<i>.jpg`, bytes('v'))
  await sdk.uploadFile({ cloudPath: 'viewer/function.csv', fileContent: Buffer.from('f') })
  const page = await (await fetch(`${emu.url}/_/data?storage`)).text()
  expect(page).toContain(`<td>viewer/${A}/&lt;i&gt;.jpg</td><td>1 B</td><td>${A}</td>`)
  expect(page).toContain('<td>viewer/function.csv</td><td>1 B</td><td>(a function)</td>')
  expect(page).not.toContain('<i>.jpg')
})

describe('limits and bad input', () => {
  test.each([
    ['empty', ''],
    ['a leading slash', '/covers/a.jpg'],
    ['a double slash', 'covers//a.jpg'],
    ['a trailing slash', 'covers/'],
    ['a .. segment', `covers/${B}/../${A}/a.jpg`],
    ['a . segment', 'covers/./a.jpg'],
    ['a question mark', 'covers/a?.jpg'],
    ['a control character', 'covers/a\u0001.jpg'],
    ['more than 850 bytes', `${'书'.repeat(Math.ceil(MAX_CLOUD_PATH_BYTES / 3))}.jpg`],
  ])('a cloudPath with %s is refused with a clear error, nothing stored', async (_what, cloudPath) => {
    const failure = await rejection(as(A).uploadFile(cloudPath, bytes('x')))
    expect(failure.errCode).toBe(INVALID)
    expect(failure.errMsg).toMatch(/^cloud\.uploadFile:fail -501007 invalid parameters\. (cloudPath|invalid cloud path)/)
  })

  test('850 bytes is allowed (in segments the disk can hold); a segment it cannot is a clear error, not a crash', async () => {
    const segment = 'a'.repeat(200)
    const cloudPath = `${[segment, segment, segment, segment].join('/')}/${'b'.repeat(MAX_CLOUD_PATH_BYTES - 4 * 201 - 4)}.jpg`
    expect(Buffer.byteLength(cloudPath)).toBe(MAX_CLOUD_PATH_BYTES)
    const { fileID } = await as(A).uploadFile(cloudPath, bytes('long'))
    expect(text(await as(A).downloadFile(fileID))).toBe('long')
    const failure = await rejection(as(A).uploadFile(`${'c'.repeat(300)}.jpg`, bytes('x')))
    expect(failure.errMsg).toMatch(/^cloud\.uploadFile:fail -503001 storage request fail\. a segment of c+\.jpg is longer than/)
  })

  test('any cloudPath is stored exactly where it says or clearly refused; a reader never lands in another folder', async () => {
    const piece = fc.oneof(
      fc.constantFrom('..', '.', '', '%2e', '%2F', '?', '#', '\\', '\u0000', '\n', '书', '😀', '\ud800', ' ', '~', 'a'),
      fc.string({ maxLength: 6 }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 6 }), async (pieces) => {
        const cloudPath = `covers/${B}/${pieces.join('/')}`
        let stored: string
        try {
          stored = (await as(B).uploadFile(cloudPath, bytes(cloudPath))).fileID
        } catch (error) {
          expect(error).toBeInstanceOf(ClientStorageError)
          // Refused by a rule, or an earlier run's file is where this one's folder would be (the disk's limit, not COS's).
          expect((error as ClientStorageError).errMsg).toMatch(/^cloud\.uploadFile:fail (-501007 invalid parameters|-503001 storage request fail\. a stored file or folder is in the way)/)
          return
        }
        expect(stored.slice(stored.indexOf(`/covers/${B}/`) + 1)).toBe(cloudPath)
        expect(text(await as(B).downloadFile(stored))).toBe(cloudPath)
      }),
      { numRuns: 60 },
    )
  })

  test(`getTempFileURL and deleteFile take 1 to ${MAX_FILES_PER_CALL} files`, async () => {
    const { fileID } = await as(A).uploadFile(`covers/${A}/many.png`, bytes('x'))
    const many = Array.from({ length: MAX_FILES_PER_CALL }, () => fileID)
    expect((await as(A).getTempFileURL(many)).fileList).toHaveLength(MAX_FILES_PER_CALL)
    for (const call of [as(A).getTempFileURL([...many, fileID]), as(A).deleteFile([...many, fileID]), as(A).getTempFileURL([]), as(A).deleteFile([])]) {
      const failure = await rejection(call)
      expect(failure.errCode).toBe(INVALID)
      expect(failure.errMsg).toMatch(/fileList/)
    }
    // Nothing was deleted by the refused batch.
    expect(text(await as(A).downloadFile(fileID))).toBe('x')
    // The function is held to the same 50 through wx-server-sdk.
    expect((await sdk.getTempFileURL({ fileList: many })).fileList).toHaveLength(MAX_FILES_PER_CALL)
    const tooMany = { code: 'INVALID_PARAM', message: expect.stringMatching(/holds at most 50 files/) }
    await expect(sdk.getTempFileURL({ fileList: [...many, fileID] })).rejects.toMatchObject(tooMany)
    await expect(sdk.deleteFile({ fileList: [...many, fileID] })).rejects.toMatchObject(tooMany)
    expect(text(await as(A).downloadFile(fileID))).toBe('x')
  })

  test('a bad maxAge or an unknown field is refused', async () => {
    const { fileID } = await as(A).uploadFile(`covers/${A}/age.png`, bytes('x'))
    const post = (body: unknown) =>
      fetch(`${emu.url}/client/storage/getTempFileURL`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': A }, body: JSON.stringify(body) })
    for (const body of [{ fileList: [{ fileID, maxAge: -1 }] }, { fileList: [{ fileID, maxAge: 'soon' }] }, { fileList: [fileID], extra: 1 }, { fileList: 'x' }]) {
      const reply = await post(body)
      expect(reply.status).toBe(200)
      expect(await reply.json()).toMatchObject({ errCode: INVALID })
    }
    expect((await post('not json' as unknown as object)).status).toBe(200)
    const broken = await fetch(`${emu.url}/client/storage/getTempFileURL`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    expect(broken.status).toBe(400)
  })

  test('an upload over the size cap is refused with -403001 and not stored', async () => {
    const failure = await rejection(as(A).uploadFile(`covers/${A}/huge.jpg`, new Uint8Array(50 * 1024 * 1024 + 1)))
    expect(failure.errCode).toBe(-403001)
    expect(failure.errMsg).toMatch(/^cloud\.uploadFile:fail -403001/)
    expect((await rejection(as(A).downloadFile(`${(await as(A).uploadFile('probe.txt', bytes('p'))).fileID.replace('probe.txt', `covers/${A}/huge.jpg`)}`))).errCode).toBe(MISSING)
  })
})

describe('the file route (<image src="cloud://…">)', () => {
  let fileID: string
  beforeAll(async () => {
    ;({ fileID } = await as(A).uploadFile(`covers/${A}/image.png`, bytes('png of A')))
  })

  test('serves the uploader an image type, refuses another reader with 403 and a missing file with 404', async () => {
    const own = await fetch(`${emu.url}${fileTarget(fileID, A)}`)
    expect(own.status).toBe(200)
    expect(own.headers.get('content-type')).toBe('image/png')
    expect(await own.text()).toBe('png of A')

    const other = await fetch(`${emu.url}${fileTarget(fileID, B)}`)
    expect(other.status).toBe(403)
    expect(await other.json()).toMatchObject({ errCode: DENIED })
    expect((await fetch(`${emu.url}${fileTarget(fileID)}`)).status).toBe(403)
    expect((await fetch(`${emu.url}${fileTarget(fileID.replace('image.png', 'none.png'), A)}`)).status).toBe(404)
    // Two identities at once are nobody's.
    expect((await fetch(`${emu.url}${fileTarget(fileID, B)}`, { headers: { 'x-wx-openid': A } })).status).toBe(400)
  })

  test('a file that is not an image is served as bytes, never as a page', async () => {
    const { fileID: html } = await as(A).uploadFile(`covers/${A}/page.html`, bytes('<script>alert(1)</script>'))
    const reply = await fetch(`${emu.url}${fileTarget(html, A)}`)
    expect(reply.headers.get('content-type')).toBe('application/octet-stream')
  })

  test("another site's page cannot read, upload or delete (same-origin guard)", async () => {
    const cross = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }
    const image = await rawRequest(emu.port, { target: fileTarget(fileID, A), headers: { host: `127.0.0.1:${emu.port}`, 'sec-fetch-site': 'cross-site' } })
    expect(image.status).toBe(403)
    const upload = await rawRequest(emu.port, {
      method: 'POST',
      target: uploadTarget(`covers/${A}/evil.png`),
      headers: { host: `127.0.0.1:${emu.port}`, 'x-wx-openid': A, 'content-type': 'application/octet-stream', ...cross },
      body: 'evil',
    })
    expect(upload.status).toBe(403)
    const remove = await rawRequest(emu.port, {
      method: 'POST',
      target: '/client/storage/deleteFile',
      headers: { host: `127.0.0.1:${emu.port}`, 'x-wx-openid': A, 'content-type': 'application/json', ...cross },
      body: JSON.stringify({ fileList: [fileID] }),
    })
    expect(remove.status).toBe(403)
    expect(text(await as(A).downloadFile(fileID))).toBe('png of A')
    expect((await rejection(as(A).downloadFile(fileID.replace('image.png', 'evil.png')))).errCode).toBe(MISSING)
    expect(UPLOAD_PATH).toBe('/client/storage/uploadFile')
  })
})

describe('the bucket permission is configurable (BOOKCASE_STORAGE_RULES)', () => {
  const rulesFile = (rules: unknown) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bookcase-storage-rules-')), 'storage-rules.json')
    writeFileSync(file, JSON.stringify(rules))
    return file
  }

  test('所有用户可读，仅创建者可写: every reader reads, only the uploader deletes; uploads survive a restart', async () => {
    const file = rulesFile({ '/': 'all read, uploader writes', read: true, write: 'resource.openid == auth.openid' })
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bookcase-storage-data-'))
    let other = await startEmulator({ dataDir, env: { BOOKCASE_STORAGE_RULES: file } })
    const client = (openid: string | undefined) => createClientStorage(transport(() => other.url), () => openid)
    try {
      const { fileID } = await client(A).uploadFile(`covers/${A}/public.jpg`, bytes('public'))
      expect(text(await client(B).downloadFile(fileID))).toBe('public')
      expect(text(await client(undefined).downloadFile(fileID))).toBe('public')
      expect((await client(B).deleteFile([fileID])).fileList[0].status).toBe(DENIED)
      await other.stop()
      // The uploader is kept on disk: after a restart A still owns the file and B still may not delete it.
      other = await startEmulator({ dataDir, env: { BOOKCASE_STORAGE_RULES: file } })
      expect((await client(B).deleteFile([fileID])).fileList[0].status).toBe(DENIED)
      expect((await client(A).deleteFile([fileID])).fileList[0].status).toBe(0)
      expect(JSON.parse(readFileSync(path.join(dataDir, 'storage', 'owners.json'), 'utf8'))).toEqual({})
    } finally {
      await other.stop()
    }
  })

  test('仅管理端可读写: no client reads or writes', async () => {
    const other = await startEmulator({ env: { BOOKCASE_STORAGE_RULES: rulesFile({ read: false, write: false }) } })
    try {
      const client = createClientStorage(transport(() => other.url), () => A)
      expect((await rejection(client.uploadFile('a.txt', bytes('x')))).errCode).toBe(DENIED)
    } finally {
      await other.stop()
    }
  })

  test('a rule beyond the four presets stops the start with one line naming the file', async () => {
    const file = rulesFile({ read: 'auth.openid != null', write: false })
    await expect(startEmulator({ env: { BOOKCASE_STORAGE_RULES: file } })).rejects.toThrow(/storage-rules\.json: read: only true, false or "resource\.openid == auth\.openid"/)
  })
})
