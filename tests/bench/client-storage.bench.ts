// Client storage figures (emulator/README.md, "Client storage"): a cover-sized upload from a reader
// (bytes and uploader written durably), the same once the bucket holds a couple of thousand readers'
// files (the uploader map is rewritten on each new file), a temp URL batch of 50, and a cover read
// through the file route <image src="cloud://…"> uses. Through the client the preview and page tests use.
import { createClientStorage, type StorageTransport } from '../../emulator/client-storage/client'
import { fileTarget, MAX_FILES_PER_CALL } from '../../emulator/client-storage/protocol'
import { startEmulator } from '../support/emulator'
import { ms, printSection, sample, summarize, type Row } from './stats'

const COVER_BYTES = 200 * 1024
const MANY_FILES = 2000
const RUNS = 100

const transport =
  (base: string): StorageTransport =>
  async ({ method, path, headers, body }) => {
    const response = await fetch(`${base}${path}`, { method, headers, body: body as BodyInit | undefined })
    const bytes = new Uint8Array(await response.arrayBuffer())
    return { status: response.status, body: bytes, text: () => new TextDecoder().decode(bytes) }
  }

async function main(): Promise<void> {
  const emu = await startEmulator()
  const rows: Row[] = []
  try {
    const as = (openid: string) => createClientStorage(transport(emu.url), () => openid)
    const reader = as('o-bench-storage')
    const cover = new Uint8Array(COVER_BYTES).map((_, i) => (i * 31) & 0xff)
    let n = 0
    const upload = summarize(await sample(RUNS, () => reader.uploadFile(`covers/o-bench-storage/${n++}.jpg`, cover), 5))
    rows.push({ figure: `uploadFile, a new ${COVER_BYTES / 1024} KB cover (median)`, value: ms(upload.median) })
    rows.push({ figure: '  same, p99', value: ms(upload.p99) })
    const overwrite = summarize(await sample(RUNS, () => reader.uploadFile('covers/o-bench-storage/0.jpg', cover), 5))
    rows.push({ figure: '  overwriting one of own (median)', value: ms(overwrite.median) })

    for (let i = 0; i < MANY_FILES; i++) await as(`o-bench-many-${i % 200}`).uploadFile(`covers/o-bench-many-${i % 200}/${i}.jpg`, cover.subarray(0, 64))
    const crowded = summarize(await sample(RUNS, () => reader.uploadFile(`covers/o-bench-storage/more-${n++}.jpg`, cover), 5))
    rows.push({ figure: `  a new one with ${MANY_FILES + RUNS * 2} files owned in the bucket (median)`, value: ms(crowded.median) })

    const { fileID } = await reader.uploadFile('covers/o-bench-storage/shown.jpg', cover)
    const batch = Array.from({ length: MAX_FILES_PER_CALL }, () => fileID)
    rows.push({ figure: `getTempFileURL, ${MAX_FILES_PER_CALL} files (median)`, value: ms(summarize(await sample(RUNS, () => reader.getTempFileURL(batch), 5)).median) })
    const image = `${emu.url}${fileTarget(fileID, 'o-bench-storage')}`
    const read = summarize(await sample(RUNS, async () => (await fetch(image)).arrayBuffer(), 5))
    rows.push({ figure: `file route (<image src="cloud://…">), ${COVER_BYTES / 1024} KB (median)`, value: ms(read.median) })
  } finally {
    await emu.stop()
  }
  printSection('Client storage', rows)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
