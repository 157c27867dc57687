// Whatever a reader (or an attacker) uploads, readImportFile answers with rows or an ImportFileError:
// never another exception, never a row without a number, never a lost row.
import fc from 'fast-check'
import { readImportFile, ImportFileError } from '../../../../cloudfunctions/bookcase/src/transfer/importFile'
import { GOODREADS_HEADER } from '../../../fixtures/import/generate'

async function outcome(bytes: Buffer) {
  try {
    return await readImportFile(bytes, 'fuzz.csv')
  } catch (error) {
    if (error instanceof ImportFileError) return error
    throw error
  }
}

test('random bytes: rows or an ImportFileError', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      await outcome(Buffer.from(bytes))
    }),
    { numRuns: 300 },
  )
})

test('random bytes after a zip signature: rows or an ImportFileError', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      await outcome(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(bytes)]))
    }),
    { numRuns: 100 },
  )
})

const cell = fc.oneof(
  fc.constantFrom('', '=""', '="0441013597"', '9.78704E+12', 'read', 'to-read', 'did-not-finish', '0', '5', '4.5', '2024/02/30', '2024/01/01', '<br/>', '"', ',', '\n', '\r\n'),
  fc.string({ maxLength: 12 }),
)
const quote = (value: string) => `"${value.replace(/"/g, '""')}"`

test('a Goodreads header over random, properly quoted cells: one mapped or skipped row per non-blank record', async () => {
  const width = GOODREADS_HEADER.split(',').length
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(cell, { minLength: 0, maxLength: width + 3 }), { maxLength: 20 }), async (records) => {
      const csv = [GOODREADS_HEADER, ...records.map((r) => r.map(quote).join(','))].join('\r\n')
      const file = await readImportFile(Buffer.from(csv), 'fuzz.csv')
      expect(file.format).toBe('goodreads')
      const nonBlank = records.map((r, i) => [r, i + 2] as const).filter(([r]) => r.some((c) => c.trim() !== ''))
      expect(file.rows.map((row) => row.row)).toEqual(nonBlank.map(([, row]) => row))
      for (const row of file.rows) expect('book' in row || 'skip' in row).toBe(true)
    }),
    { numRuns: 200 },
  )
})
