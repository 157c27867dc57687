// Each source's parser against responses recorded in the source's documented format.
import { readFileSync } from 'fs'
import path from 'path'
import { parseGoogleBooks } from '../../../cloudfunctions/bookcase/src/domain/providers/googlebooks'
import { parseJisu } from '../../../cloudfunctions/bookcase/src/domain/providers/jisuapi'
import { parseJuhe } from '../../../cloudfunctions/bookcase/src/domain/providers/juhe'
import { authorList, httpsUrl, pageCount, publishedDate } from '../../../cloudfunctions/bookcase/src/domain/providers/normalise'
import { parseOpenLibrary } from '../../../cloudfunctions/bookcase/src/domain/providers/openlibrary'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/isbn', name), 'utf8'))

describe('Open Library', () => {
  test('a found record is normalised', () => {
    expect(parseOpenLibrary(fixture('openlibrary/9780141439518.json'), '9780141439518')).toEqual({
      kind: 'found',
      book: {
        isbn: '9780141439518',
        title: 'Pride and Prejudice',
        authors: ['Jane Austen'],
        publisher: 'Penguin Books',
        publishedDate: '2003-04-29',
        pageCount: 480,
        coverUrl: 'https://covers.openlibrary.org/b/id/8091016-L.jpg',
      },
    })
  })
  test('{} is a confirmed not found', () => {
    expect(parseOpenLibrary(fixture('openlibrary/not-found.json'), '9780141439518')).toEqual({ kind: 'not_found' })
  })
  test('a record for another ISBN is not taken', () => {
    expect(parseOpenLibrary(fixture('openlibrary/9780141439518.json'), '9787536692930').kind).toBe('failed')
  })
  test('an unexpected shape is a failure, not a not-found', () => {
    expect(parseOpenLibrary([], '9780141439518').kind).toBe('failed')
    expect(parseOpenLibrary('x', '9780141439518').kind).toBe('failed')
  })
})

describe('Google Books', () => {
  test('skips the fuzzy hit, takes the volume listing the ISBN, https cover, plain-text summary', () => {
    const result = parseGoogleBooks(fixture('googlebooks/9780141439518.json'), '9780141439518')
    expect(result).toEqual({
      kind: 'found',
      book: {
        isbn: '9780141439518',
        title: 'Pride and Prejudice',
        authors: ['Jane Austen', 'Vivien Jones'],
        publisher: 'Penguin UK',
        publishedDate: '2003-04-29',
        pageCount: 480,
        coverUrl: 'https://books.google.com/books/content?id=s1gVAAAAYAAJ&printsec=frontcover&img=1&zoom=1&source=gbs_api',
        summary: 'Few have failed to be charmed by the witty and independent spirit of Elizabeth Bennet.',
        language: 'en',
      },
    })
  })
  test('totalItems 0 is not found; only fuzzy hits is not found', () => {
    expect(parseGoogleBooks(fixture('googlebooks/not-found.json'), '9780141439518')).toEqual({ kind: 'not_found' })
    expect(parseGoogleBooks(fixture('googlebooks/9780141439518.json'), '9780306406157')).toEqual({ kind: 'not_found' })
  })
  test('an error body is a failure', () => {
    expect(parseGoogleBooks({ error: { code: 400, message: 'API key not valid.' } }, '9780141439518').kind).toBe('failed')
  })
})

describe('jisuapi', () => {
  test('a found record: author roles dropped, page text parsed, http cover → https', () => {
    expect(parseJisu(fixture('jisuapi/9787536692930.json'), '9787536692930')).toEqual({
      kind: 'found',
      book: {
        isbn: '9787536692930',
        title: '三体',
        authors: ['刘慈欣'],
        publisher: '重庆出版社',
        publishedDate: '2008-01',
        pageCount: 302,
        coverUrl: 'https://api.jisuapi.com/isbn/upload/96/033c435b3f0f30.jpg',
        summary: '文化大革命如火如荼进行的同时，军方探寻外星文明的绝秘计划“红岸工程”取得了突破性进展。',
        language: 'chi',
      },
    })
  })
  test('status 205 is not found; a key problem is a failure', () => {
    expect(parseJisu(fixture('jisuapi/not-found.json'), '9787536692930')).toEqual({ kind: 'not_found' })
    expect(parseJisu(fixture('jisuapi/bad-key.json'), '9787536692930').kind).toBe('failed')
  })
  test('a record for another ISBN is refused', () => {
    expect(parseJisu(fixture('jisuapi/9787536692930.json'), '9787544258975').kind).toBe('failed')
  })
})

describe('Juhe', () => {
  test('a found record: nationality prefix dropped, http image → https', () => {
    expect(parseJuhe(fixture('juhe/9787544258975.json'), '9787544258975')).toEqual({
      kind: 'found',
      book: {
        isbn: '9787544258975',
        title: '霍乱时期的爱情',
        authors: ['加西亚·马尔克斯'],
        publisher: '南海出版公司',
        publishedDate: '2012-09-01',
        pageCount: 401,
        coverUrl: 'https://img.juhe.cn/isbn/s11284102.jpg',
        summary: '《霍乱时期的爱情》是加西亚·马尔克斯获得诺贝尔文学奖之后完成的第一部小说。',
      },
    })
  })
  test('216302 is not found; a wrong key is a failure', () => {
    expect(parseJuhe(fixture('juhe/not-found.json'), '9787544258975')).toEqual({ kind: 'not_found' })
    expect(parseJuhe(fixture('juhe/bad-key.json'), '9787544258975').kind).toBe('failed')
  })
})

describe('normalisation', () => {
  test.each([
    ['2019', '2019'],
    ['2019-5', '2019-05'],
    ['2019.05.01', '2019-05-01'],
    ['2019年5月', '2019-05'],
    ['May 2019', '2019-05'],
    ['April 29, 2003', '2003-04-29'],
    ['c1976', '1976'],
    ['someday', undefined],
    ['2019-13', '2019'],
  ])('publishedDate(%j) → %j', (input, expected) => {
    expect(publishedDate(input)).toBe(expected)
  })
  test('pageCount', () => {
    expect(pageCount(320)).toBe(320)
    expect(pageCount('320页')).toBe(320)
    expect(pageCount('xii, 320 p.')).toBe(320)
    expect(pageCount('0')).toBeUndefined()
    expect(pageCount(-3)).toBeUndefined()
    expect(pageCount('many')).toBeUndefined()
  })
  test('authors from strings and lists', () => {
    expect(authorList('刘慈欣 著')).toEqual(['刘慈欣'])
    expect(authorList('A, B & C')).toEqual(['A', 'B', 'C'])
    expect(authorList('余华、莫言 编')).toEqual(['余华', '莫言'])
    expect(authorList(['X', 'X', '', 3])).toEqual(['X'])
    expect(authorList(undefined)).toEqual([])
  })
  test('cover URLs are https or nothing', () => {
    expect(httpsUrl('http://a.example/x.jpg')).toBe('https://a.example/x.jpg')
    expect(httpsUrl('//a.example/x.jpg')).toBe('https://a.example/x.jpg')
    expect(httpsUrl('file:///etc/passwd')).toBeUndefined()
    expect(httpsUrl('javascript:alert(1)')).toBeUndefined()
    expect(httpsUrl('not a url')).toBeUndefined()
  })
})
