// Cover photos through the real path (gateway → built function → wx-server-sdk → emulator storage and
// database), as two readers: where a photo may be uploaded, which file ids setCover accepts, that a
// replaced, removed or deleted book's cover file is gone from storage, and which covers a friend gets a
// temporary URL for. Files are uploaded with the real SDK to the path the function handed out, as
// wx.cloud.uploadFile would.
import { connectSdk } from '../../support/emulator'
import { startFunctionHarness, type FunctionHarness } from './harness'

jest.setTimeout(60_000)

let h: FunctionHarness
let sdk: ReturnType<typeof connectSdk>
beforeAll(async () => {
  h = await startFunctionHarness()
  sdk = connectSdk(h.emulator.url)
})
afterAll(() => h.close())

let readerCount = 0
const reader = (name: string) => `o${name}-${++readerCount}-${Date.now().toString(36)}`
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9])

const upload = async (cloudPath: string, content: Buffer = JPEG) => (await sdk.uploadFile({ cloudPath, fileContent: content })).fileID
/** Whether a file is stored under the id, asked of the emulator through the SDK (not the function). */
const stored = async (fileID: string) => {
  const result = (await sdk.getTempFileURL({ fileList: [fileID] })) as { fileList: { status: number }[] }
  return result.fileList[0].status === 0
}
const addTyped = async (openid: string, title: string, is_private = false) =>
  (await h.ok(openid, { action: 'addBook', book: { title, authors: ['作者'] }, is_private })).book
const photograph = async (openid: string, id: string) => {
  const { cloudPath } = await h.ok(openid, { action: 'prepareCoverUpload', id, extension: 'jpg' })
  return upload(cloudPath)
}

describe('where a cover may be uploaded', () => {
  test('a fresh path in the reader’s own covers folder, named without the OpenID', async () => {
    const a = reader('a')
    const b = reader('b')
    const book = await addTyped(a, '封面之书')
    const first = await h.ok(a, { action: 'prepareCoverUpload', id: book.id, extension: 'jpg' })
    const second = await h.ok(a, { action: 'prepareCoverUpload', id: book.id, extension: 'png' })
    expect(first.cloudPath).toMatch(new RegExp(`^readers/r[A-Za-z0-9_-]{22}/covers/${book.id}-[A-Za-z0-9_-]{16}\\.jpg$`))
    expect(second.cloudPath).toMatch(/\.png$/)
    expect(second.cloudPath).not.toBe(first.cloudPath)
    expect(second.cloudPath.split('/')[1]).toBe(first.cloudPath.split('/')[1])
    expect(first.cloudPath).not.toContain(a)
    const other = await h.ok(b, { action: 'prepareCoverUpload', id: (await addTyped(b, 'B 的书')).id, extension: 'jpg' })
    expect(other.cloudPath.split('/')[1]).not.toBe(first.cloudPath.split('/')[1])
  })
  test('another reader’s book, an unknown id, a bad extension → refused', async () => {
    const a = reader('a')
    const book = await addTyped(a, 'A 的书')
    expect(await h.fails(reader('b'), { action: 'prepareCoverUpload', id: book.id, extension: 'jpg' })).toBe('NOT_FOUND')
    expect(await h.fails(a, { action: 'prepareCoverUpload', id: 'mNoSuchBook', extension: 'jpg' })).toBe('NOT_FOUND')
    expect(await h.fails(a, { action: 'prepareCoverUpload', id: book.id, extension: 'gif' } as never)).toBe('INVALID_ARGUMENT')
  })
})

describe('the cover lifecycle', () => {
  test('set: the book keeps the file id (owner views), never a temporary URL', async () => {
    const a = reader('a')
    const book = await addTyped(a, '有封面的书')
    const fileID = await photograph(a, book.id)
    const set = await h.ok(a, { action: 'setCover', id: book.id, fileID })
    expect(set.coverFileId).toBe(fileID)
    expect((await h.ok(a, { action: 'getBook', id: book.id })).coverFileId).toBe(fileID)
    expect((await h.ok(a, { action: 'listBooks' })).items[0].coverFileId).toBe(fileID)
    const [doc] = await h.storedDocuments('books', { _id: book.id })
    expect(doc.coverFileId).toBe(fileID)
    expect(JSON.stringify(doc)).not.toMatch(/https?:\/\//)
  })
  test('replace deletes the old file; remove (null) deletes the file and the field', async () => {
    const a = reader('a')
    const book = await addTyped(a, '换封面的书')
    const old = await photograph(a, book.id)
    await h.ok(a, { action: 'setCover', id: book.id, fileID: old })
    const replacement = await photograph(a, book.id)
    expect((await h.ok(a, { action: 'setCover', id: book.id, fileID: replacement })).coverFileId).toBe(replacement)
    expect(await stored(old)).toBe(false)
    expect(await stored(replacement)).toBe(true)
    // setting the same file again changes nothing and deletes nothing
    await h.ok(a, { action: 'setCover', id: book.id, fileID: replacement })
    expect(await stored(replacement)).toBe(true)
    const removed = await h.ok(a, { action: 'setCover', id: book.id, fileID: null })
    expect(removed.coverFileId).toBeUndefined()
    expect(await stored(replacement)).toBe(false)
    const [doc] = await h.storedDocuments('books', { _id: book.id })
    expect(Object.keys(doc)).not.toContain('coverFileId')
  })
  test('removeBook deletes the book’s cover file', async () => {
    const a = reader('a')
    const book = await addTyped(a, '要删除的书')
    const fileID = await photograph(a, book.id)
    await h.ok(a, { action: 'setCover', id: book.id, fileID })
    await h.ok(a, { action: 'removeBook', id: book.id })
    expect(await stored(fileID)).toBe(false)
  })
  test('refused: another reader’s file, another book’s path, a path never handed out, nothing uploaded, another bucket', async () => {
    const a = reader('a')
    const b = reader('b')
    const book = await addTyped(a, 'A 的书')
    const otherBook = await addTyped(a, 'A 的另一本书')
    const theirs = await photograph(b, (await addTyped(b, 'B 的书')).id)
    const otherBooks = await photograph(a, otherBook.id)
    const { cloudPath } = await h.ok(a, { action: 'prepareCoverUpload', id: book.id, extension: 'jpg' })
    const prefix = theirs.slice(0, theirs.indexOf('/readers/') + 1)
    const folder = cloudPath.split('/').slice(0, 3).join('/')
    const notHandedOut = await upload(`${folder}/${book.id}.jpg`)
    const refusals = [
      theirs,
      otherBooks,
      notHandedOut,
      `${prefix}${cloudPath}`, // the right path, nothing uploaded yet
      `cloud://another-env.6162-another-env-1300000000/${cloudPath}`,
      `${prefix}${cloudPath}/../../../covers/x.jpg`,
    ]
    for (const fileID of refusals) expect([fileID, await h.fails(a, { action: 'setCover', id: book.id, fileID })]).toEqual([fileID, 'INVALID_ARGUMENT'])
    expect(await h.fails(a, { action: 'setCover', id: book.id, fileID: 'https://example.com/x.jpg' })).toBe('INVALID_ARGUMENT')
    expect(await h.fails(a, { action: 'setCover', id: book.id, fileID: { $ne: null } } as never)).toBe('INVALID_ARGUMENT')
    // B cannot set (or remove) a cover on A's book, even with A's own file
    const mine = await photograph(a, book.id)
    expect(await h.fails(b, { action: 'setCover', id: book.id, fileID: mine })).toBe('INVALID_ARGUMENT')
    expect(await h.fails(b, { action: 'setCover', id: book.id, fileID: null })).toBe('NOT_FOUND')
    expect((await h.ok(a, { action: 'getBook', id: book.id })).coverFileId).toBeUndefined()
    expect(await stored(theirs)).toBe(true)
  })
})

describe('what a cover file must be', () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])
  const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])
  test('PNG and WebP are accepted like JPEG, whatever extension the client guessed', async () => {
    const a = reader('a')
    const book = await addTyped(a, '多种格式')
    for (const [extension, content] of [['png', PNG], ['webp', WEBP], ['jpg', PNG]] as const) {
      const { cloudPath } = await h.ok(a, { action: 'prepareCoverUpload', id: book.id, extension })
      const fileID = await upload(cloudPath, content)
      expect((await h.ok(a, { action: 'setCover', id: book.id, fileID })).coverFileId).toBe(fileID)
    }
  })
  test('not a JPEG, PNG or WebP image, or over 5 MiB: INVALID_ARGUMENT, and the upload is deleted', async () => {
    const a = reader('a')
    const book = await addTyped(a, '坏封面')
    const cases: [extension: 'jpg' | 'png', content: Buffer][] = [
      ['jpg', Buffer.from('<html><script>alert(1)</script></html>')],
      ['png', Buffer.from('GIF89a\x01\x00\x01\x00')],
      ['jpg', Buffer.alloc(0)],
      ['jpg', Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)])],
    ]
    for (const [extension, content] of cases) {
      const { cloudPath } = await h.ok(a, { action: 'prepareCoverUpload', id: book.id, extension })
      const fileID = await upload(cloudPath, content)
      const result = await h.call(a, { action: 'setCover', id: book.id, fileID })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/not a JPEG, PNG or WebP image|over \d+ bytes/) } })
      expect(await stored(fileID)).toBe(false)
    }
    expect((await h.ok(a, { action: 'getBook', id: book.id })).coverFileId).toBeUndefined()
  })
})

describe('what a friend gets a URL for', () => {
  let a: string
  let shareId: string
  let publicBook: string
  let privateBook: string
  let publicCover: string
  let privateCover: string
  beforeAll(async () => {
    a = reader('a')
    publicBook = (await addTyped(a, '公开的书')).id
    privateBook = (await addTyped(a, '私密的书', true)).id
    publicCover = await photograph(a, publicBook)
    privateCover = await photograph(a, privateBook)
    await h.ok(a, { action: 'setCover', id: publicBook, fileID: publicCover })
    await h.ok(a, { action: 'setCover', id: privateBook, fileID: privateCover })
    shareId = (await h.ok(a, { action: 'updateShelf', isPublic: true })).shareId
  })

  test('a public book on a public shelf: coverUrl is a temporary URL that serves the photo; no file id', async () => {
    const friend = reader('friend')
    const shelf = await h.ok(friend, { action: 'viewSharedShelf', shareId })
    const item = shelf.items.find((i) => i.id === publicBook)!
    expect(item.coverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
    expect(JSON.stringify(shelf)).not.toContain('coverFileId')
    expect(JSON.stringify(shelf)).not.toContain('cloud://')
    const photo = await fetch(item.coverUrl!)
    expect(photo.status).toBe(200)
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(JPEG)
    const book = await h.ok(friend, { action: 'getSharedBook', shareId, id: publicBook })
    expect(book.coverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
    expect(JSON.stringify(book)).not.toContain('cloud://')
  })
  test('a private book’s cover never gets a URL', async () => {
    const friend = reader('friend')
    const shelf = await h.ok(friend, { action: 'viewSharedShelf', shareId, pageSize: 50 })
    expect(shelf.items.map((i) => i.id)).not.toContain(privateBook)
    expect(await h.fails(friend, { action: 'getSharedBook', shareId, id: privateBook })).toBe('NOT_FOUND')
    const privatePath = privateCover.slice(privateCover.indexOf('/readers/') + 1)
    expect(JSON.stringify(shelf)).not.toContain(privatePath)
  })
  test('a shelf that is not public gives no URL at all', async () => {
    const b = reader('b')
    const book = (await addTyped(b, 'B 的公开书')).id
    await h.ok(b, { action: 'setCover', id: book, fileID: await photograph(b, book) })
    const { shareId: closed } = await h.ok(b, { action: 'getShelf' })
    const friend = reader('friend')
    expect(await h.fails(friend, { action: 'viewSharedShelf', shareId: closed })).toBe('NOT_FOUND')
    expect(await h.fails(friend, { action: 'getSharedBook', shareId: closed, id: book })).toBe('NOT_FOUND')
  })
})
