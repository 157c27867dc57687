// The project configuration the emulator honours: cloudbaserc.json (function root, per-function
// timeout and environment variables), as the CloudBase CLI deploys it.
import { existsSync, readFileSync } from 'fs'
import path from 'path'

export interface FunctionConfig {
  /** Seconds, as in cloudbaserc.json; the platform default is 3. */
  timeout: number
  /** MB, as in cloudbaserc.json; the instance's heap is capped to it, as SCF caps its memory. */
  memorySize: number
  envVariables: Record<string, string>
}

export interface ProjectConfig {
  /** Absolute path of the functions root (cloudbaserc.json `functionRoot`). */
  functionRoot: string
  functions: Map<string, FunctionConfig>
}

export const DEFAULT_TIMEOUT_SECONDS = 3
export const DEFAULT_MEMORY_MB = 256

interface RcFile {
  functionRoot?: string
  functions?: { name: string; timeout?: number; memorySize?: number; envVariables?: Record<string, string> }[]
}

/** `defaultFunctionRoot`: where functions live when cloudbaserc.json names no root (project.config.json's). */
export function loadProjectConfig(projectDir: string, defaultFunctionRoot = 'cloudfunctions'): ProjectConfig {
  const file = path.join(projectDir, 'cloudbaserc.json')
  const rc: RcFile = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  const functions = new Map<string, FunctionConfig>()
  for (const fn of rc.functions ?? []) {
    functions.set(fn.name, {
      timeout: fn.timeout ?? DEFAULT_TIMEOUT_SECONDS,
      memorySize: fn.memorySize ?? DEFAULT_MEMORY_MB,
      envVariables: { ...(fn.envVariables ?? {}) },
    })
  }
  return { functionRoot: path.resolve(projectDir, rc.functionRoot ?? defaultFunctionRoot), functions }
}

/**
 * A function's settings; functions found on disk but not declared get the platform defaults.
 * A variable the function declares is overridden by a same-named one in the emulator's own
 * environment: that is how a developer passes provider keys (`JISU_APPKEY=... npm start`) and how
 * tests point providers at a local server, without editing cloudbaserc.json.
 */
export function functionSettings(config: ProjectConfig, name: string, hostEnv: NodeJS.ProcessEnv): FunctionConfig {
  const declared = config.functions.get(name)
  const envVariables: Record<string, string> = {}
  for (const [key, value] of Object.entries(declared?.envVariables ?? {})) {
    envVariables[key] = hostEnv[key] ?? value
  }
  return { timeout: declared?.timeout ?? DEFAULT_TIMEOUT_SECONDS, memorySize: declared?.memorySize ?? DEFAULT_MEMORY_MB, envVariables }
}
