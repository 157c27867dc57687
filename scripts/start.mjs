// `npm start [-- options]`: builds everything, then runs the emulator CLI with the given options.
// The CLI runs in a child process only so that it starts with GLIBC_TUNABLES set (glibc reads it at
// process start, never later): function threads free large blocks, glibc's dynamic mmap threshold
// rises with them, and what retired instances freed would otherwise stay in malloc arenas. The value
// is package.json's `config.glibcTunables`; other C libraries ignore the variable.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildTargets } from './build.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { config } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

await buildTargets()

const child = spawn(process.execPath, [path.join(root, '.build/emulator/cli.js'), ...process.argv.slice(2)], {
  // npm runs scripts in the package's folder; paths given on the command line (--project ../app,
  // --data, --import) mean the folder the developer typed them in, which npm passes as INIT_CWD.
  cwd: process.env.INIT_CWD || process.cwd(),
  stdio: 'inherit',
  env: { GLIBC_TUNABLES: config.glibcTunables, ...process.env },
})
// Ctrl-C reaches the whole process group, the CLI included, which shuts down on its own; a signal sent
// to this process alone is passed on. Either way this process exits when the CLI does, with its code.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal !== 'SIGINT') child.kill(signal)
  })
}
child.on('exit', (code) => process.exit(code ?? 1))
