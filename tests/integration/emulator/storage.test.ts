// Cloud storage through the real SDK: upload (metadata + PUT to the emulator), temp URL, download, delete.
import { connectSdk, startEmulator, type EmulatorHandle } from '../../support/emulator'

let emu: EmulatorHandle
// wx-server-sdk's d.ts types calls as `Promise<R> | void`; see database.test.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let cloud: any

beforeAll(async () => {
  emu = await startEmulator()
  cloud = connectSdk(emu.url)
})
afterAll(async () => {
  await emu?.stop()
})

test('upload → temp URL → download → delete', async () => {
  const content = Buffer.from('封面 cover bytes \u0000\u0001\u0002')
  const uploaded = await cloud.uploadFile({ cloudPath: 'covers/三体.png', fileContent: content })
  expect(uploaded.fileID).toMatch(/^cloud:\/\/.+\/covers\/三体\.png$/)

  const { fileList } = await cloud.getTempFileURL({ fileList: [uploaded.fileID, { fileID: 'cloud://x.y/missing.png', maxAge: 60 }] })
  expect(fileList[0]).toMatchObject({ fileID: uploaded.fileID, status: 0 })
  expect(fileList[1]).toMatchObject({ status: -503003, tempFileURL: '' })
  const fetched = await fetch(fileList[0].tempFileURL)
  expect(fetched.status).toBe(200)
  expect(Buffer.from(await fetched.arrayBuffer())).toEqual(content)
  // A tampered signature is refused.
  expect((await fetch(fileList[0].tempFileURL.replace(/sign=[0-9a-f]+/, 'sign=deadbeef'))).status).toBe(403)

  const downloaded = await cloud.downloadFile({ fileID: uploaded.fileID })
  expect(downloaded.fileContent).toEqual(content)

  const deleted = await cloud.deleteFile({ fileList: [uploaded.fileID] })
  expect(deleted.fileList[0]).toMatchObject({ fileID: uploaded.fileID, status: 0 })
  const again = await cloud.getTempFileURL({ fileList: [uploaded.fileID] })
  expect(again.fileList[0].status).toBe(-503003)
})

test('paths that would leave the bucket are refused', async () => {
  await expect(cloud.uploadFile({ cloudPath: '../../escape.txt', fileContent: Buffer.from('x') })).rejects.toBeDefined()
})
