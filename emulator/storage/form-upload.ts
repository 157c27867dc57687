// COS's form upload ("POST Object"), which every wx-server-sdk before 4 uses for uploadFile
// (tcb-admin-node and @cloudbase/node-sdk 2.x post `Signature`, `x-cos-security-token`,
// `x-cos-meta-fileid`, `key` and `file` as multipart/form-data to the upload URL; 4.x PUTs the bytes).
// The signed upload URL is the same; this only takes the file's bytes out of the form
// (emulator/README.md, "Older wx-server-sdk majors").
import Busboy, { type BusboyHeaders } from '@fastify/busboy'
import type { IncomingMessage } from 'http'
import { HttpError } from '../errors'
import { readBody } from '../server'

/** Slack for the form's own fields and boundaries over the file size cap. */
const FORM_OVERHEAD_BYTES = 64 * 1024

/**
 * The bytes of the form's `file` part. The `request` library sends a Buffer as a part with
 * `content-type: application/octet-stream` and no filename, which busboy takes as a file (so the
 * bytes are never decoded as text). Anything but exactly one such part is a 400.
 */
export async function formFile(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const body = await readBody(req, maxBytes + FORM_OVERHEAD_BYTES)
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => reject(new HttpError(400, `form upload: ${reason}`))
    let parser: InstanceType<typeof Busboy>
    try {
      parser = new Busboy({ headers: req.headers as BusboyHeaders, limits: { files: 1, fileSize: maxBytes } })
    } catch (error) {
      return fail((error as Error).message)
    }
    let file: Buffer | undefined
    let tooLarge = false
    parser.on('file', (field, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () => (tooLarge = true))
      // A cut-off part errors on the part's stream, not the parser's: unheard, it would end the process.
      stream.on('error', (error: Error) => fail(error.message))
      stream.on('end', () => {
        if (field === 'file') file = Buffer.concat(chunks)
      })
    })
    parser.on('error', (error: Error) => fail(error.message))
    parser.on('finish', () => {
      if (tooLarge) reject(new HttpError(413, `file larger than ${maxBytes} bytes`))
      else if (!file) fail('no file part')
      else resolve(file)
    })
    parser.end(body)
  })
}
