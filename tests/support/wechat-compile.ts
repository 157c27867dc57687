// Runs scripts/wechat-compile.mjs (miniprogram-ci, DevTools' compiler, offline) in its own process and
// reads its JSON result: the library keeps a compiler process, a file watcher and global settings that
// must not live in a jest worker or a bench.
import { execFile } from 'child_process'
import path from 'path'

export const ROOT = path.resolve(__dirname, '../..')
const SCRIPT = path.join(ROOT, 'scripts/wechat-compile.mjs')

export interface QualityCheck {
  name: string
  success: boolean
  text: string
}

export interface WeChatCompileResult {
  ok: boolean
  errors: string[]
  warnings: string[]
  /** Requests miniprogram-ci tried to make (all refused on loopback); offline means none. */
  networkAttempts: string[]
  quality: QualityCheck[]
  /** Bytes of each file of the compiled package, by its path inside the package. */
  files: Record<string, number>
  /** WeChat's size limits in MB as miniprogram-ci's built-in project attributes give them (null when it failed to start). */
  limits: { packageMB: number; allPackagesMB: number } | null
  compileMs: number
  totalMs: number
}

/** Compiles the project in `projectDir` (the folder of its project.config.json). */
export function wechatCompile(projectDir = ROOT, timeoutMs = 170_000): Promise<WeChatCompileResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [SCRIPT, '--project', projectDir, '--json'],
      { cwd: ROOT, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Exit code 1 is a result with errors or warnings; only a missing result is a failure here.
        const lastLine = stdout.trim().split('\n').pop() ?? ''
        try {
          resolve(JSON.parse(lastLine) as WeChatCompileResult)
        } catch {
          reject(new Error(`wechat-compile gave no result (${error?.message ?? 'no error'}):\n${stdout}\n${stderr}`))
        }
      },
    )
  })
}

export const packageBytes = (result: WeChatCompileResult): number => Object.values(result.files).reduce((sum, size) => sum + size, 0)
