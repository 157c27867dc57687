// How the preview build reads a Mini Program (emulator/preview/build/project.js): pages from app.json,
// components from usingComponents (absolute and relative), scopes that are unique per module.
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { readProject, scopeName } from '../../../emulator/preview/build/project'

function write(root: string, file: string, content: unknown) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  writeFileSync(path.join(root, file), typeof content === 'string' ? content : JSON.stringify(content))
}

test('pages come from app.json and their components from usingComponents, transitively', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'mp-'))
  write(root, 'app.json', { pages: ['pages/home/index'] })
  write(root, 'pages/home/index.json', { usingComponents: { card: '/components/card/index', ext: 'plugin://x/y' } })
  write(root, 'pages/home/index.ts', 'Component({})')
  write(root, 'components/card/index.json', { component: true, usingComponents: { cover: '../cover/index' } })
  write(root, 'components/cover/index.json', { component: true })
  const read = readProject(root)
  expect(read.modules.map((m) => [m.path, m.kind, m.scope])).toEqual([
    ['pages/home/index', 'page', 'pages-home'],
    ['components/card/index', 'component', 'components-card'],
    ['components/cover/index', 'component', 'components-cover'],
  ])
  expect(read.modules[0].using).toEqual({ card: 'components/card/index' }) // plugin:// cannot run here
  expect(read.modules[0].script).toBe(path.join(root, 'pages/home/index.ts'))
  expect(read.modules[2].script).toBeNull()
})

test('scope names are valid prefixes, distinct for distinct paths', () => {
  expect(scopeName('pages/book/index')).toBe('pages-book')
  expect(scopeName('components/book_card/main')).toBe('components-book-card-main')
})
