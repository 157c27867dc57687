// Which wx-server-sdk a function loads: the one Node's resolution finds from its folder (its own
// node_modules, then its parents'). Majors before 2.1 (tcb-admin-node) ignore the URL override the
// instance environment gives and address the platform's admin host by name, so their instances are
// routed through the emulator's admin-host proxy instead (emulator/README.md, "Older wx-server-sdk majors").
import { readFileSync } from 'fs'
import { createRequire } from 'module'

/** The version of the wx-server-sdk `entry` would load, or undefined (bundled in, or none). */
export function sdkVersionOf(entry: string): string | undefined {
  try {
    const file = createRequire(entry).resolve('wx-server-sdk/package.json')
    const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }
    return typeof version === 'string' ? version : undefined
  } catch {
    return undefined
  }
}

/** 0.x, 1.x and 2.0.x: the tcb-admin-node path (wx-server-sdk 2.0.x keeps it unless a hidden flag is set). */
export function usesLegacyAdminHost(version: string | undefined): boolean {
  const match = version === undefined ? null : /^(\d+)\.(\d+)\./.exec(version)
  if (!match) return false
  const [major, minor] = [Number(match[1]), Number(match[2])]
  return major < 2 || (major === 2 && minor < 1)
}
