// A local stand-in for the internet ISBN sources (the only mock the project allows): one HTTP server on
// loopback answering Open Library, Google Books, jisuapi and Juhe requests in each source's documented
// format, from a catalogue of books the test chooses, plus the faults a real source can throw at us.
//
//   const sources = await startIsbnSources({ books: [...] })
//   const emulator = await startEmulator({ env: sources.env })   // the function now asks this server
//   sources.setFault('openlibrary', 'hang'); ... sources.requests; await sources.close()
import http from 'http'
import type { AddressInfo } from 'net'
import type { BookMetadata } from '../../typings/api'

export type IsbnSourceName = 'openlibrary' | 'googlebooks' | 'jisuapi' | 'juhe'

/** A catalogue entry; each source renders it in its own format (coverUrl as the source would give it,
 * http included: the function must rewrite it). */
export type FixtureBook = Omit<BookMetadata, 'isbn'> & {
  isbn13: string
  isbn10?: string
  /** Sources that know this book; all four when omitted. */
  knownBy?: IsbnSourceName[]
}

export type Fault =
  | 'hang' // accept the request, never answer
  | 'status500'
  | 'status429'
  | 'garbage' // 200 with a body that is not JSON
  | 'huge' // 200 with a 10 MB JSON body
  | 'redirect-file' // 302 to file:///etc/passwd
  | 'redirect-host' // 302 to the same path on another host (localhost instead of 127.0.0.1)
  | 'redirect-same' // 302 to the same path on this host (allowed: answered normally afterwards)
  | 'slow' // answers normally after `slowMs`

export interface SourceRequest {
  source: IsbnSourceName
  isbn: string
  url: string
}

export interface IsbnSources {
  /** http://127.0.0.1:<port> */
  url: string
  /** Environment variables that point the function at this server (keys set for the keyed sources). */
  env: Record<string, string>
  /** Every request received, in order. */
  requests: SourceRequest[]
  setFault(source: IsbnSourceName, fault: Fault | null, options?: { slowMs?: number }): void
  clearFaults(): void
  addBooks(books: FixtureBook[]): void
  close(): Promise<void>
}

export interface StartIsbnSourcesOptions {
  books?: FixtureBook[]
  /** Keys the keyed sources expect (and `env` carries); pass null to leave a key unconfigured. */
  jisuAppKey?: string | null
  juheKey?: string | null
  googleBooksKey?: string | null
}

/** A few real books, enough for most tests: two Chinese (978-7) and two others. */
export const SAMPLE_BOOKS: FixtureBook[] = [
  {
    isbn13: '9787536692930',
    isbn10: '7536692935',
    title: '三体',
    authors: ['刘慈欣'],
    publisher: '重庆出版社',
    publishedDate: '2008-01',
    pageCount: 302,
    coverUrl: 'http://img.example.cn/covers/9787536692930.jpg',
    summary: '文化大革命如火如荼进行的同时，军方探寻外星文明的绝秘计划“红岸工程”取得了突破性进展。',
    language: 'zh',
  },
  {
    isbn13: '9787544258975',
    isbn10: '7544258971',
    title: '霍乱时期的爱情',
    authors: ['加西亚·马尔克斯'],
    publisher: '南海出版公司',
    publishedDate: '2012-09-01',
    pageCount: 401,
    language: 'zh',
  },
  {
    isbn13: '9780141439518',
    isbn10: '0141439513',
    title: 'Pride and Prejudice',
    authors: ['Jane Austen'],
    publisher: 'Penguin Books',
    publishedDate: '2003-04-29',
    pageCount: 480,
    coverUrl: 'https://covers.openlibrary.org/b/id/8091016-L.jpg',
    language: 'en',
  },
  {
    isbn13: '9780306406157',
    isbn10: '0306406152',
    title: 'Chemistry of Nitrogen',
    subtitle: 'An introduction',
    authors: ['A. Example', 'B. Example'],
    publisher: 'Plenum Press',
    publishedDate: '1976',
    pageCount: 120,
    language: 'en',
  },
]

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** Open Library writes dates as free text ("April 29, 2003", "January 2008", "1976"). */
function openLibraryDate(date?: string): string | undefined {
  if (!date) return undefined
  const [y, m, d] = date.split('-').map(Number)
  if (!m) return String(y)
  return d ? `${MONTHS[m - 1]} ${d}, ${y}` : `${MONTHS[m - 1]} ${y}`
}

// --- each source's documented format ---------------------------------------------------------------

function openLibraryAnswer(isbn: string, book?: FixtureBook): unknown {
  if (!book) return {}
  return {
    [`ISBN:${isbn}`]: {
      url: `https://openlibrary.org/books/OL${isbn.slice(-6)}M`,
      key: `/books/OL${isbn.slice(-6)}M`,
      title: book.title,
      ...(book.subtitle ? { subtitle: book.subtitle } : {}),
      authors: book.authors.map((name) => ({ url: 'https://openlibrary.org/authors/OL1A', name })),
      ...(book.pageCount ? { number_of_pages: book.pageCount } : {}),
      identifiers: { isbn_13: [book.isbn13], ...(book.isbn10 ? { isbn_10: [book.isbn10] } : {}) },
      ...(book.publisher ? { publishers: [{ name: book.publisher }] } : {}),
      ...(book.publishedDate ? { publish_date: openLibraryDate(book.publishedDate) } : {}),
      ...(book.coverUrl ? { cover: { small: book.coverUrl, medium: book.coverUrl, large: book.coverUrl } } : {}),
    },
  }
}

function googleBooksAnswer(_isbn: string, book?: FixtureBook): unknown {
  if (!book) return { kind: 'books#volumes', totalItems: 0 }
  const identifiers = [{ type: 'ISBN_13', identifier: book.isbn13 }, ...(book.isbn10 ? [{ type: 'ISBN_10', identifier: book.isbn10 }] : [])]
  return {
    kind: 'books#volumes',
    totalItems: 1,
    items: [
      {
        kind: 'books#volume',
        id: `vol${book.isbn13.slice(-6)}`,
        volumeInfo: {
          title: book.title,
          ...(book.subtitle ? { subtitle: book.subtitle } : {}),
          authors: book.authors,
          ...(book.publisher ? { publisher: book.publisher } : {}),
          ...(book.publishedDate ? { publishedDate: book.publishedDate } : {}),
          ...(book.summary ? { description: book.summary } : {}),
          industryIdentifiers: identifiers,
          ...(book.pageCount ? { pageCount: book.pageCount } : {}),
          ...(book.coverUrl ? { imageLinks: { thumbnail: book.coverUrl.replace('https:', 'http:') + '&edge=curl' } } : {}),
          ...(book.language ? { language: book.language } : {}),
        },
      },
    ],
  }
}

function jisuAnswer(_isbn: string, book?: FixtureBook): unknown {
  if (!book) return { status: 205, msg: '没有信息', result: '' }
  return {
    status: 0,
    msg: 'ok',
    result: {
      title: book.title,
      subtitle: book.subtitle ?? '',
      pic: book.coverUrl ?? '',
      author: book.authors.map((a) => `${a} 著`).join(','),
      summary: book.summary ?? '',
      publisher: book.publisher ?? '',
      pubplace: '',
      pubdate: book.publishedDate ?? '',
      page: book.pageCount ? String(book.pageCount) : '',
      price: '',
      binding: '平装',
      isbn: book.isbn13,
      isbn10: book.isbn10 ?? '',
      language: book.language ?? '',
    },
  }
}

function juheAnswer(_isbn: string, book?: FixtureBook): unknown {
  if (!book) return { reason: '查询不到书籍信息', result: null, error_code: 216302 }
  return {
    reason: 'success',
    result: {
      data: {
        title: book.title,
        author: book.authors.join(','),
        publisher: book.publisher ?? '',
        pubDate: book.publishedDate ?? '',
        isbn: book.isbn13,
        isbn10: book.isbn10 ?? '',
        img: book.coverUrl ?? '',
        smallImg: book.coverUrl ?? '',
        page: book.pageCount ? String(book.pageCount) : '',
        gist: book.summary ?? '',
      },
    },
    error_code: 0,
  }
}

interface Route {
  source: IsbnSourceName
  path: string
  isbnOf(url: URL): string
  /** Answers a request whose key is wrong (keyed sources answer 200 with an error code). */
  badKey?(url: URL): unknown
  render(isbn: string, book?: FixtureBook): unknown
}

export async function startIsbnSources(options: StartIsbnSourcesOptions = {}): Promise<IsbnSources> {
  const jisuAppKey = options.jisuAppKey === undefined ? 'test-jisu-appkey' : options.jisuAppKey
  const juheKey = options.juheKey === undefined ? 'test-juhe-key' : options.juheKey
  const googleBooksKey = options.googleBooksKey === undefined ? null : options.googleBooksKey
  const catalogue = new Map<string, FixtureBook>()
  const addBooks = (books: FixtureBook[]) => books.forEach((book) => catalogue.set(book.isbn13, book))
  addBooks(options.books ?? SAMPLE_BOOKS)
  const faults = new Map<IsbnSourceName, { fault: Fault; slowMs: number }>()
  const requests: SourceRequest[] = []
  const hanging = new Set<http.ServerResponse>()

  const routes: Route[] = [
    {
      source: 'openlibrary',
      path: '/openlibrary/api/books',
      isbnOf: (url) => (url.searchParams.get('bibkeys') ?? '').replace(/^ISBN:/, ''),
      render: openLibraryAnswer,
    },
    {
      source: 'googlebooks',
      path: '/googlebooks/books/v1/volumes',
      isbnOf: (url) => (url.searchParams.get('q') ?? '').replace(/^isbn:/, ''),
      badKey: (url) =>
        googleBooksKey && url.searchParams.get('key') !== googleBooksKey ? { error: { code: 400, message: 'API key not valid.' } } : undefined,
      render: googleBooksAnswer,
    },
    {
      source: 'jisuapi',
      path: '/jisuapi/isbn/query',
      isbnOf: (url) => url.searchParams.get('isbn') ?? '',
      badKey: (url) => (url.searchParams.get('appkey') !== jisuAppKey ? { status: 101, msg: 'APPKEY为空或不存在', result: '' } : undefined),
      render: jisuAnswer,
    },
    {
      source: 'juhe',
      path: '/juhe/isbn/query',
      isbnOf: (url) => url.searchParams.get('isbn') ?? '',
      badKey: (url) => (url.searchParams.get('key') !== juheKey ? { reason: '错误的请求KEY', result: null, error_code: 10001 } : undefined),
      render: juheAnswer,
    },
  ]

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    res.end(text)
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const route = routes.find((r) => r.path === url.pathname)
    if (!route) return sendJson(res, 404, { error: 'no such endpoint' })
    const isbn = route.isbnOf(url)
    requests.push({ source: route.source, isbn, url: url.pathname + url.search })
    const answer = () => {
      const badKey = route.badKey?.(url)
      if (badKey) return sendJson(res, route.source === 'googlebooks' ? 400 : 200, badKey)
      const book = catalogue.get(isbn)
      const known = book && (!book.knownBy || book.knownBy.includes(route.source))
      sendJson(res, 200, route.render(isbn, known ? book : undefined))
    }
    const fault = url.searchParams.has('redirected') ? undefined : faults.get(route.source)
    switch (fault?.fault) {
      case undefined:
        return answer()
      case 'hang':
        hanging.add(res)
        res.on('close', () => hanging.delete(res))
        return
      case 'slow':
        return void setTimeout(answer, fault.slowMs)
      case 'status500':
        return sendJson(res, 500, { error: 'internal server error' })
      case 'status429':
        return sendJson(res, 429, { error: 'too many requests' })
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end('<html><body>502 Bad Gateway</body></html>{"not": json')
      case 'huge': {
        // 10 MB of valid JSON, streamed without a content-length so only the body cap can stop it.
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 'a')
        res.write('{"padding":"')
        let sent = 0
        const pump = () => {
          while (sent < 10 * 1024 * 1024) {
            sent += chunk.length
            if (!res.write(chunk)) return void res.once('drain', pump)
          }
          res.end('"}')
        }
        res.on('error', () => undefined)
        return pump()
      }
      case 'redirect-file':
        res.writeHead(302, { location: 'file:///etc/passwd' })
        return res.end()
      case 'redirect-host': {
        const port = (server.address() as AddressInfo).port
        res.writeHead(302, { location: `http://localhost:${port}${url.pathname}${url.search}&redirected=1` })
        return res.end()
      }
      case 'redirect-same':
        res.writeHead(302, { location: `${url.pathname}${url.search}&redirected=1` })
        return res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const env: Record<string, string> = {
    OPENLIBRARY_BASE_URL: `${base}/openlibrary`,
    GOOGLE_BOOKS_BASE_URL: `${base}/googlebooks`,
    GOOGLE_BOOKS_KEY: googleBooksKey ?? '',
    JISU_BASE_URL: `${base}/jisuapi`,
    JISU_APPKEY: jisuAppKey ?? '',
    JUHE_BASE_URL: `${base}/juhe`,
    JUHE_KEY: juheKey ?? '',
  }

  return {
    url: base,
    env,
    requests,
    setFault(source, fault, faultOptions) {
      if (fault === null) faults.delete(source)
      else faults.set(source, { fault, slowMs: faultOptions?.slowMs ?? 1000 })
    },
    clearFaults: () => faults.clear(),
    addBooks,
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
