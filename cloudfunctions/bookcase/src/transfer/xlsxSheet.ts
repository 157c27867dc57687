// A one-sheet .xlsx workbook of text and number cells: a bold, frozen header row and set column widths,
// which is all the export needs. Written as plain strings rather than by write-excel-file, whose
// per-cell work (attribute sanitising, escaping each string twice, a JavaScript deflate) made a
// 10,000-book sheet take ~2 s of the export's 5 s budget (tests/bench/import.bench.ts); this takes ~0.3 s.
// The parts are the ones Excel itself writes for such a sheet (ECMA-376 Part 1, SpreadsheetML);
// strings go to the shared-string table, as Excel and WPS expect.
import type { CellValue } from './exportCells'
import { zipFiles } from './zipArchive'

export interface XlsxSheet {
  name: string
  header: readonly string[]
  rows: readonly (readonly CellValue[])[]
  /** Column widths in characters, by column. */
  widths: readonly number[]
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** Characters XML 1.0 cannot hold at all (C0 controls but tab, LF and CR; U+FFFE/U+FFFF; lone
 * surrogates): dropped, or the whole part would not parse. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** Markup, and CR as a reference: a parser turns a literal CR (or CRLF) into LF, a reference it keeps. */
const MARKUP = /[&<>"\r]/g
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' }

export const escapeXml = (text: string) => text.replace(NOT_XML, '').replace(MARKUP, (c) => ENTITY[c])

/** A (0-based) column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

/** Cell style 1 of styles.xml: the bold header. */
const BOLD = 1

export function writeXlsxSheet(sheet: XlsxSheet): Buffer {
  const width = sheet.header.length
  const letters = Array.from({ length: width }, (_, i) => columnLetters(i))
  const strings = new Map<string, number>()
  const shared = (text: string) => {
    let index = strings.get(text)
    if (index === undefined) strings.set(text, (index = strings.size))
    return index
  }
  // Each row joined on its own: one flat string, its pieces garbage at once (a string grown by += is a
  // tree of them, which the GC copies until the whole sheet is joined).
  const pieces: string[] = []
  const rowXml = (cells: readonly CellValue[], row: number, style: string) => {
    pieces.length = 0
    pieces.push(`<row r="${row}">`)
    for (let i = 0; i < cells.length && i < width; i++) {
      const value = cells[i]
      if (value === null || value === '') continue
      if (typeof value === 'number') {
        if (Number.isFinite(value)) pieces.push(`<c r="${letters[i]}${row}"${style}><v>${value}</v></c>`)
      } else pieces.push(`<c r="${letters[i]}${row}"${style} t="s"><v>${shared(value)}</v></c>`)
    }
    pieces.push('</row>')
    return pieces.join('')
  }
  const parts: string[] = [rowXml(sheet.header, 1, ` s="${BOLD}"`)]
  for (let r = 0; r < sheet.rows.length; r++) parts.push(rowXml(sheet.rows[r], r + 2, ''))

  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')
  const lastCell = `${letters[width - 1] ?? 'A'}${sheet.rows.length + 1}`
  const sheetXml =
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${lastCell}"/>` +
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${parts.join('')}</sheetData></worksheet>`

  const sst = [`${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${strings.size}" uniqueCount="${strings.size}">`]
  for (const text of strings.keys()) sst.push(`<si><t${text.trim() === text ? '' : ' xml:space="preserve"'}>${escapeXml(text)}</t></si>`)
  sst.push('</sst>')

  return zipFiles([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${escapeXml(sheet.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/styles.xml', STYLES],
    ['xl/sharedStrings.xml', sst.join('')],
    ['xl/worksheets/sheet1.xml', sheetXml],
  ])
}

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'

const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`

const WORKBOOK_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`

/** The smallest stylesheet Excel accepts without repair: a default and a bold font, the two fills it
 * reserves, one border, and cell formats 0 (default) and 1 (bold). */
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
