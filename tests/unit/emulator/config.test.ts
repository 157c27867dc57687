// cloudbaserc.json as the emulator reads it: function root, timeouts, and variables that the
// emulator's own environment overrides.
import { mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { functionSettings, loadProjectConfig } from '../../../emulator/config'
import { instanceEnv, invocationEnv } from '../../../emulator/functions/environment'

const dir = mkdtempSync(path.join(tmpdir(), 'bookcase-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('declared variables come from the file unless the host environment sets them; timeouts default to 3 s', () => {
  writeFileSync(
    path.join(dir, 'cloudbaserc.json'),
    JSON.stringify({ functionRoot: './fns', functions: [{ name: 'f', timeout: 7, envVariables: { KEY: '', BASE: 'https://x' } }] }),
  )
  const config = loadProjectConfig(dir)
  expect(config.functionRoot).toBe(path.join(dir, 'fns'))
  expect(functionSettings(config, 'f', { KEY: 'secret', OTHER: 'not declared' })).toEqual({ timeout: 7, memorySize: 256, envVariables: { KEY: 'secret', BASE: 'https://x' } })
  expect(functionSettings(config, 'undeclared', {})).toEqual({ timeout: 3, memorySize: 256, envVariables: {} })
})

test('a function instance talks only to the emulator and sees its caller as getWXContext reads it', () => {
  const env = instanceEnv('http://127.0.0.1:1234/admin', { KEY: 'k' }, { PATH: '/bin', http_proxy: 'http://proxy', SECRET: 's' })
  expect(env).toMatchObject({ PATH: '/bin', KEY: 'k', TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'bookcase-local' })
  expect(JSON.parse(env.TCB_CONTEXT_CNFG)).toEqual({ URL: 'http://127.0.0.1:1234/admin' })
  expect(env.TENCENTCLOUD_SECRETID).not.toBe('')
  expect(env).not.toHaveProperty('http_proxy')
  expect(env).not.toHaveProperty('SECRET')
  expect(env.WX_CONTEXT_KEYS.split(',')).toContain('WX_API_TOKEN')
  expect(invocationEnv({ openid: 'o-1', source: 'wx_client' }, 'tok')).toMatchObject({ WX_OPENID: 'o-1', WX_API_TOKEN: 'tok', TCB_SOURCE: 'wx_client' })
  expect(invocationEnv({ source: 'wx_client' }, 'tok').WX_OPENID).toBeUndefined()
})
