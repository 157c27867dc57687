import { doubanSubjectId, freeText, list, oneLine, positiveInteger, stars, yesNo } from '../../../../cloudfunctions/bookcase/src/transfer/cells'
import { addedAt, day, publishedDate } from '../../../../cloudfunctions/bookcase/src/transfer/dates'
import { isbnCell } from '../../../../cloudfunctions/bookcase/src/transfer/isbnCell'

describe('isbnCell', () => {
  test.each([
    ['="0441013597"', {}, { isbn: '0441013597' }],
    ['=""', {}, {}],
    ['', {}, {}],
    ['978-7-5366-9293-0', {}, { isbn: '9787536692930' }],
    ['080442957x', {}, { isbn: '080442957X' }],
    ['441013597', { isbn10: true }, { isbn: '0441013597' }],
    ['441013597', {}, { isbn: '441013597' }],
    ['9.78704E+12', {}, { invalid: expect.stringContaining('scientific notation') }],
    ['9.78704e12', {}, { invalid: expect.stringContaining('9.78704e12') }],
  ])('%s %j', (cell, options, expected) => {
    expect(isbnCell(cell, options)).toEqual(expected)
  })
})

describe('stars', () => {
  test.each([
    ['0', null],
    ['5', 5],
    ['5.0', 5],
    ['4.75', 5],
    ['4.5', 5],
    ['4.25', 4],
    ['0.25', 1],
    ['7', 5],
    ['', undefined],
    ['five', undefined],
    ['-1', undefined],
  ])('%s → %s', (cell, expected) => {
    expect(stars(cell)).toBe(expected)
  })
})

describe('dates', () => {
  test.each([
    ['2009', '2009'],
    ['2009/5', '2009-05'],
    ['2006-5-1', '2006-05-01'],
    ['2006年5月', '2006-05'],
    ['2006年5月1日', '2006-05-01'],
    ['2009/13', undefined],
    ['2019-02-30', undefined],
    ['May 2009', undefined],
    ['', undefined],
  ])('publishedDate %s → %s', (cell, expected) => {
    expect(publishedDate(cell)).toBe(expected)
  })

  test.each([
    ['2024/03/09', '2024-03-09'],
    ['2018-09-30 11:47:01', '2018-09-30'],
    ['2024/3', undefined],
    ['2024/02/29', '2024-02-29'],
    ['2023/02/29', undefined],
  ])('day %s → %s', (cell, expected) => {
    expect(day(cell)).toBe(expected)
  })

  test.each([
    ['2023/12/30', '2023-12-30'],
    ['2018-09-30 11:47:01', '2018-09-30T11:47:01+08:00'],
    ['2018-09-30 25:47:01', undefined],
    ['2024-01-01T10:00:00.000Z', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T10:00:00+09:00', '2024-01-01T10:00:00+09:00'],
    ['soon', undefined],
  ])('addedAt %s → %s', (cell, expected) => {
    expect(addedAt(cell)).toBe(expected)
  })
})

describe('text cells', () => {
  test('oneLine collapses runs of spaces and line breaks', () => {
    expect(oneLine('  James S.A.  Corey \n')).toBe('James S.A. Corey')
  })
  test('freeText turns <br/> and CRLF into newlines', () => {
    expect(freeText('a<br/>b<br>c<BR />d\r\ne')).toBe('a\nb\nc\nd\ne')
  })
  test('list drops empty and repeated items', () => {
    expect(list('a, b,, a ,  c  d', ',')).toEqual(['a', 'b', 'c d'])
  })
  test('positiveInteger', () => {
    expect([positiveInteger('352'), positiveInteger('352.0'), positiveInteger('0'), positiveInteger('3.5'), positiveInteger('')]).toEqual([352, 352, undefined, undefined, undefined])
  })
  test('yesNo', () => {
    expect([yesNo('Yes'), yesNo('no'), yesNo('是'), yesNo('maybe')]).toEqual([true, false, true, undefined])
  })
  test('doubanSubjectId', () => {
    expect(doubanSubjectId('https://book.douban.com/subject/4913064/')).toBe('4913064')
    expect(doubanSubjectId('https://example.com/subject/1/')).toBeUndefined()
  })
})
