// `--project <dir>`: where another project keeps its Mini Program and functions (project.config.json),
// where its functions come from when it has no cloudbaserc.json, and where its preview is built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { loadProjectConfig } from '../../../emulator/config'
import { StartupError } from '../../../emulator/errors'
import { previewSite } from '../../../emulator/preview/site'
import { readProjectLayout } from '../../../emulator/project-layout'

const ROOT = path.resolve(__dirname, '../../..')
const FIXTURE = path.join(ROOT, 'tests/fixtures/projects/classic-js')
let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bookcase-layout-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test("another project's roots come from its project.config.json, its functions from cloudfunctionRoot", () => {
  const layout = readProjectLayout(FIXTURE)
  expect(layout).toEqual({
    dir: FIXTURE,
    miniprogramRoot: path.join(FIXTURE, 'miniprogram'),
    cloudfunctionRoot: path.join(FIXTURE, 'cloudfunctions'),
  })
  // No cloudbaserc.json: the functions are project.config.json's, with the platform defaults.
  const config = loadProjectConfig(layout.dir, layout.cloudfunctionRoot)
  expect(config.functionRoot).toBe(path.join(FIXTURE, 'cloudfunctions'))
  expect(config.functions.size).toBe(0)
})

test('without project.config.json the Mini Program is the folder itself and functions are in cloudfunctions/', () => {
  expect(readProjectLayout(dir)).toEqual({ dir, miniprogramRoot: dir, cloudfunctionRoot: path.join(dir, 'cloudfunctions') })
  writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ miniprogramRoot: 'client/', cloudfunctionRoot: 'server/fns/' }))
  expect(readProjectLayout(dir)).toMatchObject({ miniprogramRoot: path.join(dir, 'client'), cloudfunctionRoot: path.join(dir, 'server/fns') })
})

test("cloudbaserc.json's functionRoot, when declared, wins over project.config.json's", () => {
  mkdirSync(path.join(dir, 'fns'))
  writeFileSync(path.join(dir, 'cloudbaserc.json'), JSON.stringify({ functionRoot: './fns' }))
  expect(loadProjectConfig(dir, path.join(dir, 'cloudfunctions')).functionRoot).toBe(path.join(dir, 'fns'))
})

test('a broken or missing project is a startup error that names the file', () => {
  writeFileSync(path.join(dir, 'project.config.json'), '{ not json')
  expect(() => readProjectLayout(dir)).toThrow(StartupError)
  expect(() => readProjectLayout(dir)).toThrow(path.join(dir, 'project.config.json'))
  writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ miniprogramRoot: 7 }))
  expect(() => readProjectLayout(dir)).toThrow('miniprogramRoot must be a string')
  expect(() => readProjectLayout(path.join(dir, 'absent'))).toThrow('project folder not found')
})

test("Bookcase's preview builds where it always has; another project's in a folder of its own", () => {
  const own = previewSite(ROOT, readProjectLayout(ROOT).miniprogramRoot)
  expect(own).toEqual({ toolDir: ROOT, miniprogramRoot: path.join(ROOT, 'miniprogram'), buildDir: path.join(ROOT, '.build/preview'), own: true })
  const other = previewSite(ROOT, path.join(FIXTURE, 'miniprogram'))
  expect(other.own).toBe(false)
  expect(path.dirname(other.buildDir)).toBe(path.join(ROOT, '.build'))
  expect(path.basename(other.buildDir)).toMatch(/^preview-[0-9a-f]{12}$/)
  expect(previewSite(ROOT, dir).buildDir).not.toBe(other.buildDir)
})
