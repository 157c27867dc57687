import { parseIntro } from '../../../../cloudfunctions/bookcase/src/transfer/formats/douban'
import { bookAt, readFixture } from './fixtures'

describe('Douban userscript CSV', () => {
  test('BOM, CRLF, every value quoted and a trailing comma on each row', async () => {
    const file = await readFixture('douban-userscript.csv')
    expect(file.format).toBe('douban-csv')
    // Row 5 is blank; row 6's comment spans two lines.
    expect(file.rows.map((r) => r.row)).toEqual([2, 3, 4, 6])
    expect(bookAt(file, 2)).toEqual({
      doubanId: '4913064',
      title: '活着',
      authors: ['余华'],
      publishedDate: '2012-08',
      status: 'read',
      rating: 5,
      note: '读完很久还在想福贵。',
      finishedAt: '2021-03-15',
      addedAt: '2021-03-15',
    })
    expect(bookAt(file, 3).note).toBe('前两部最好，第三部"宏大"。')
    expect(bookAt(file, 4)).toMatchObject({ authors: ['[美] 卡勒德·胡赛尼', '李继宏'] })
    expect(bookAt(file, 4)).not.toHaveProperty('rating')
    expect(bookAt(file, 6).note).toBe('多行短评：\n第二行。')
  })

  test('the newer 想读 file (书名, no rating columns) is the wish list', async () => {
    const file = await readFixture('douban-wishlist.csv')
    expect(file.format).toBe('douban-csv')
    expect(file.rows).toEqual([
      { row: 2, book: { doubanId: '1007305', title: '红楼梦', authors: ['[清] 曹雪芹', '高鹗'], publishedDate: '1996-12', status: 'want' } },
      { row: 3, book: { doubanId: '6082808', title: '百年孤独', authors: ['[哥伦比亚] 加西亚·马尔克斯', '范晔'], publishedDate: '2011-06', status: 'want' } },
    ])
  })

  test('re-saved by Excel on Chinese Windows: GBK bytes, no BOM, no trailing commas', async () => {
    const file = await readFixture('douban-gbk.csv')
    expect(file.format).toBe('douban-csv')
    expect(file.rows.map((r) => ('book' in r ? r.book.title : r))).toEqual(['活着', '围城', '红楼梦'])
    expect(bookAt(file, 3)).toMatchObject({ doubanId: '1008145', rating: 4, note: '方鸿渐说："城外的人想冲进去。"', finishedAt: '2020-12-01' })
  })
})

describe('豆伴 workbook', () => {
  test('the sheet is the status; 简介 gives authors, publisher and year; 创建时间 is China time', async () => {
    const file = await readFixture('doufen.xlsx')
    expect(file.format).toBe('douban-xlsx')
    // The notes sheet has no known header and is ignored.
    expect(file.rows.map((r) => [r.sheet, r.row])).toEqual([
      ['读过', 2],
      ['读过', 3],
      ['在读', 2],
      ['想读', 2],
    ])
    expect(bookAt(file, 2, '读过')).toEqual({
      doubanId: '4913064',
      title: '活着',
      authors: ['余华'],
      publisher: '作家出版社',
      publishedDate: '2012',
      status: 'read',
      rating: 5,
      tags: ['小说', '余华'],
      note: '读完很久还在想福贵。',
      is_private: false,
      finishedAt: '2018-09-30',
      addedAt: '2018-09-30T11:47:01+08:00',
    })
    expect(bookAt(file, 3, '读过')).toMatchObject({ publisher: '上海人民出版社', publishedDate: '2006-05', is_private: true, authors: ['[美] 卡勒德·胡赛尼', '李继宏'] })
    expect(bookAt(file, 2, '在读')).toMatchObject({ status: 'reading', startedAt: '2025-03-01', tags: ['科幻', '经典'] })
    expect(bookAt(file, 2, '在读')).not.toHaveProperty('finishedAt')
    expect(bookAt(file, 2, '想读')).toMatchObject({ status: 'want', publisher: '南海出版公司' })
  })
})

describe('parseIntro', () => {
  test.each([
    ['余华 / 2012 / 作家出版社', { authors: ['余华'], publisher: '作家出版社', publishedDate: '2012' }],
    ['[美] 卡勒德·胡赛尼 / 李继宏 / 上海人民出版社 / 2006-5 / 29.00元', { authors: ['[美] 卡勒德·胡赛尼', '李继宏'], publisher: '上海人民出版社', publishedDate: '2006-05' }],
    ['Ted Chiang / Vintage / 2002-6-1 / USD 15.00', { authors: ['Ted Chiang'], publisher: 'Vintage', publishedDate: '2002-06-01' }],
    ['刘慈欣', { authors: ['刘慈欣'] }],
    ['', { authors: [] }],
  ])('%s', (intro, expected) => {
    expect(parseIntro(intro)).toEqual({ publisher: undefined, publishedDate: undefined, ...expected })
  })
})
