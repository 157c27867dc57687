// The CLI with `--project <dir>`: another project's functions run from its cloudfunctionRoot (no
// cloudbaserc.json), its data lives in <dir>/.cloudbase/, Bookcase's demo shelf stays out of it, and a
// project it cannot read is a one-line startup error.
import { spawn } from 'child_process'
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { CLI, ROOT, runEmulatorToExit, startEmulator } from '../../support/emulator'
import { callGateway } from '../../support/gateway'

const FIXTURE = path.join(ROOT, 'tests/fixtures/projects/classic-js')
const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookcase-project-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

test("the project's functions answer through the gateway with the caller's OpenID", async () => {
  const emu = await startEmulator({ args: ['--project', FIXTURE, '--import', path.join(FIXTURE, 'mybook.json')] })
  try {
    const login = await callGateway<{ openid: string }>(emu.url, 'login', {}, { openid: 'o-classic-reader' })
    expect(login.body).toMatchObject({ result: { openid: 'o-classic-reader' }, errMsg: 'cloud.callFunction:ok' })
    const books = await callGateway<{ books: { title: string }[] }>(emu.url, 'books', {}, { openid: 'o-classic-reader' })
    expect(books.body.result?.books.map((b) => b.title)).toEqual(['三体', '活着'])
    // Bookcase's own function is not there: this emulator runs the other project only.
    const bookcase = await callGateway(emu.url, 'bookcase', { action: 'getShelf' }, { openid: 'o-classic-reader' })
    expect(bookcase.body).toMatchObject({ errMsg: expect.stringMatching(/^cloud\.callFunction:fail .*not found/) })
  } finally {
    expect(await emu.stop()).toBe(0)
  }
})

test("without --data the data folder is the project's own .cloudbase/, and Bookcase's demo shelf is not seeded into it", async () => {
  const project = tempDir()
  cpSync(FIXTURE, project, { recursive: true })
  rmSync(path.join(project, '.cloudbase'), { recursive: true, force: true })
  const child = spawn(process.execPath, [CLI, '--project', project, '--port', '0', '--no-preview'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  let output = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (/ready at/.test(output)) resolve()
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)))
  })
  expect(existsSync(path.join(project, '.cloudbase', 'db'))).toBe(true)
  // An empty database, no --seed/--no-seed: Bookcase itself would try to seed here.
  expect(output).not.toMatch(/demo shelf/)
  child.kill('SIGINT')
  expect(await exited).toBe(0)
})

test('a project folder that is missing, unreadable as config, or has no app.json is a one-line error', async () => {
  const missing = await runEmulatorToExit(['--project', path.join(tmpdir(), 'no-such-project-11'), '--data', tempDir()])
  expect(missing.code).toBe(1)
  expect(missing.stderr.trim().split('\n')).toEqual([`bookcase emulator: project folder not found: ${path.join(tmpdir(), 'no-such-project-11')}`])

  const broken = tempDir()
  writeFileSync(path.join(broken, 'project.config.json'), '{ nope')
  const bad = await runEmulatorToExit(['--project', broken, '--data', tempDir()])
  expect(bad.code).toBe(1)
  expect(bad.stderr.trim().split('\n')).toHaveLength(1)
  expect(bad.stderr).toContain(path.join(broken, 'project.config.json'))

  // runEmulatorToExit passes --no-preview; with the preview on, a project without app.json is refused.
  const empty = tempDir()
  const noApp = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, '--project', empty, '--data', tempDir(), '--port', '0', '--no-seed'], { cwd: ROOT })
    let stderr = ''
    child.stderr.on('data', (c) => (stderr += c))
    child.on('exit', (code) => resolve({ code, stderr }))
  })
  expect(noApp.code).toBe(1)
  expect(noApp.stderr.trim().split('\n')).toEqual([
    `bookcase emulator: no app.json in ${empty} (the project's miniprogramRoot); --no-preview runs its functions alone`,
  ])
})
