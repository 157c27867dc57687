// Shared by the Douban exports: subject links, the 简介 line, visibility and tags.
import { list, oneLine } from '../cells'
import { publishedDate } from '../dates'

export const DOUBAN_STATUS = { 读过: 'read', 在读: 'reading', 想读: 'want' } as const

const PRICE = /^(?:(?:CNY|USD|NT\$|HK\$|\$|¥|￥)\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*(?:元|円|CNY|USD|JPY|HKD))$/i
const PUBLISHER = /出版|书局|书店|书社|文库|图书|Press|Publish|Books|Verlag|Éditions/i

/** 豆瓣's card line under a title, "作者 / 译者 / 出版社 / 出版年 / 定价", or 豆伴's shorter
 * "作者 / 年 / 出版社": the parts told apart by what they look like (a date, a price, a publisher's
 * name) and where they stand; the authors (translators too) are what comes before the publisher and
 * the date. */
export function parseIntro(intro: string): { authors: string[]; publisher?: string; publishedDate?: string } {
  const parts = list(intro, /\s+\/\s+/).filter((part) => !PRICE.test(part))
  const dateAt = parts.findIndex((part) => publishedDate(part) !== undefined)
  let publisherAt = parts.findIndex((part, i) => i !== dateAt && PUBLISHER.test(part))
  // A name that does not say it is a publisher: 豆伴 puts the publisher after the year, 豆瓣's card
  // before it (after at least one author).
  if (publisherAt < 0 && dateAt >= 0) {
    if (dateAt < parts.length - 1) publisherAt = dateAt + 1
    else if (dateAt >= 2) publisherAt = dateAt - 1
  }
  const firstMeta = Math.min(...[dateAt, publisherAt].filter((i) => i >= 0), parts.length)
  return {
    authors: parts.slice(0, firstMeta),
    publisher: publisherAt >= 0 ? parts[publisherAt] : undefined,
    publishedDate: dateAt >= 0 ? publishedDate(parts[dateAt]) : undefined,
  }
}

/** Douban tags hold no spaces; exports separate them with spaces or commas. */
export const doubanTags = (cell: string) => list(cell, /[\s,，、]+/)

/** 可见性: 私密 / 仅自己可见 is private, 公开 is not. */
export function doubanPrivate(cell: string): boolean | undefined {
  const value = oneLine(cell)
  if (/私|仅自己|private/i.test(value)) return true
  if (/公开|所有人|public/i.test(value)) return false
  return undefined
}
