// The HTTP module and the provider chain against a local server answering in each source's format,
// including the faults a real source can produce. No emulator needed: this is the lookup's outer edge.
import { getJson } from '../../../cloudfunctions/bookcase/src/domain/http'
import { askSources } from '../../../cloudfunctions/bookcase/src/domain/lookup'
import { providerChain, providerConfigFromEnv } from '../../../cloudfunctions/bookcase/src/domain/providers'
import { startIsbnSources, type Fault, type IsbnSources } from '../../support/isbn-sources'

let sources: IsbnSources
beforeAll(async () => {
  sources = await startIsbnSources()
})
afterAll(() => sources.close())
beforeEach(() => {
  sources.clearFaults()
  sources.requests.length = 0
})

const chain = (env: Record<string, string> = sources.env) => providerChain(providerConfigFromEnv(env))
const ask = (isbn: string, env?: Record<string, string>, timeoutMs = 1000) => askSources(chain(env), isbn, timeoutMs, Date.now() + 3 * timeoutMs)
const olUrl = (isbn: string) => `${sources.env.OPENLIBRARY_BASE_URL}/api/books?bibkeys=ISBN:${isbn}&format=json&jscmd=data`

describe('getJson (the HTTP module)', () => {
  test('parses a JSON answer', async () => {
    const outcome = await getJson({ url: olUrl('9780141439518'), timeoutMs: 1000 })
    expect(outcome).toMatchObject({ ok: true, status: 200 })
  })

  test.each<[Fault, string]>([
    ['hang', 'timeout'],
    ['status500', 'status'],
    ['status429', 'status'],
    ['garbage', 'bad_json'],
    ['huge', 'too_large'],
    ['redirect-file', 'redirect'],
    ['redirect-host', 'redirect'],
  ])('fault %s → %s, never a throw', async (fault, reason) => {
    sources.setFault('openlibrary', fault)
    const outcome = await getJson({ url: olUrl('9780141439518'), timeoutMs: 300 })
    expect(outcome).toMatchObject({ ok: false, reason })
  })

  test('a redirect to another host is not followed (the other host never sees the request)', async () => {
    sources.setFault('openlibrary', 'redirect-host')
    await getJson({ url: olUrl('9780141439518'), timeoutMs: 500 })
    expect(sources.requests.map((r) => r.url.includes('redirected=1'))).toEqual([false])
  })

  test('a redirect within the source is followed', async () => {
    sources.setFault('openlibrary', 'redirect-same')
    const outcome = await getJson({ url: olUrl('9780141439518'), timeoutMs: 1000 })
    expect(outcome).toMatchObject({ ok: true })
    expect(sources.requests).toHaveLength(2)
  })

  test('a declared body over the cap is refused', async () => {
    const outcome = await getJson({ url: olUrl('9780141439518'), timeoutMs: 1000, maxBytes: 100 })
    expect(outcome).toMatchObject({ ok: false, reason: 'too_large' })
  })

  test('a closed port and an unresolvable host are network failures', async () => {
    expect(await getJson({ url: 'http://127.0.0.1:1/x', timeoutMs: 1000 })).toMatchObject({ ok: false, reason: 'network' })
    expect(await getJson({ url: 'http://no-such-host.invalid/x', timeoutMs: 2000 })).toMatchObject({ ok: false })
    expect(await getJson({ url: 'not a url', timeoutMs: 100 })).toMatchObject({ ok: false, reason: 'network' })
  })
})

describe('the provider chain', () => {
  test('a Chinese ISBN asks jisuapi first when its key is set', async () => {
    const answer = await ask('9787536692930')
    expect(answer).toMatchObject({ kind: 'found', source: 'jisuapi', book: { title: '三体', authors: ['刘慈欣'], pageCount: 302 } })
    expect(sources.requests.map((r) => r.source)).toEqual(['jisuapi'])
  })

  test('without keys the Chinese sources are skipped', async () => {
    const answer = await ask('9787536692930', { ...sources.env, JISU_APPKEY: '', JUHE_KEY: '' })
    expect(answer).toMatchObject({ kind: 'found', source: 'openlibrary' })
    expect(sources.requests.map((r) => r.source)).toEqual(['openlibrary'])
  })

  test('other ISBNs go to Open Library, then Google Books', async () => {
    sources.addBooks([{ isbn13: '9780804429573', isbn10: '080442957X', title: 'Only on Google', authors: ['G'], knownBy: ['googlebooks'] }])
    const answer = await ask('9780804429573')
    expect(answer).toMatchObject({ kind: 'found', source: 'googlebooks', book: { title: 'Only on Google' } })
    expect(sources.requests.map((r) => r.source)).toEqual(['openlibrary', 'googlebooks'])
  })

  test('each answer is normalised to one shape whichever source gave it', async () => {
    const fromJisu = await ask('9787536692930')
    const fromOpenLibrary = await ask('9787536692930', { ...sources.env, JISU_APPKEY: '', JUHE_KEY: '' })
    sources.setFault('openlibrary', 'status500')
    const fromGoogle = await ask('9787536692930', { ...sources.env, JISU_APPKEY: '', JUHE_KEY: '' })
    for (const answer of [fromJisu, fromOpenLibrary, fromGoogle]) {
      expect(answer.kind).toBe('found')
      if (answer.kind !== 'found') continue
      expect(answer.book).toMatchObject({ isbn: '9787536692930', title: '三体', authors: ['刘慈欣'], publisher: '重庆出版社', publishedDate: '2008-01' })
      expect(answer.book.coverUrl).toMatch(/^https:\/\//)
    }
  })

  test('a hanging first source is skipped after its timeout and the next one answers', async () => {
    sources.setFault('jisuapi', 'hang')
    const answer = await ask('9787536692930', undefined, 300)
    expect(answer).toMatchObject({ kind: 'found', source: 'juhe' })
  })

  test.each<Fault>(['status500', 'status429', 'garbage', 'huge', 'redirect-file', 'redirect-host'])(
    'with %s from every source the answer is unavailable, never not-found',
    async (fault) => {
      for (const source of ['jisuapi', 'juhe', 'openlibrary', 'googlebooks'] as const) sources.setFault(source, fault)
      const answer = await ask('9787536692930', undefined, 500)
      expect(answer.kind).toBe('unavailable')
    },
  )

  test('an unknown ISBN is not found only when every source says so', async () => {
    expect(await ask('9787020002207')).toEqual({ kind: 'not_found' })
    expect(sources.requests.map((r) => r.source)).toEqual(['jisuapi', 'juhe', 'openlibrary', 'googlebooks'])
    sources.setFault('googlebooks', 'status500')
    expect((await ask('9787020002207')).kind).toBe('unavailable')
  })

  test('a wrong key is a failure, not a not-found', async () => {
    const answer = await ask('9787020002207', { ...sources.env, JISU_APPKEY: 'wrong', JUHE_KEY: 'wrong' })
    expect(answer.kind).toBe('unavailable')
  })

  test('the overall deadline stops the chain', async () => {
    for (const source of ['jisuapi', 'juhe', 'openlibrary', 'googlebooks'] as const) sources.setFault(source, 'hang')
    const answer = await askSources(chain(), '9787536692930', 300, Date.now() + 500)
    expect(answer.kind).toBe('unavailable')
    expect(sources.requests.length).toBeLessThan(4)
  })
})
