// `npm start` / `node .build/emulator/cli.js [options]`: starts the local CloudBase emulator.
// Prints exactly one line `Bookcase emulator ready at http://127.0.0.1:<port>` on stdout when ready.
// Startup problems are one line on stderr and exit code 1 (BOOKCASE_DEBUG=1 adds the stack).
import { existsSync } from 'fs'
import path from 'path'
import { parseArgs } from 'util'
import { Emulator } from './controller'
import { StartupError } from './errors'
import { readProjectLayout } from './project-layout'

export const DEFAULT_PORT = 9871

const USAGE = `Usage: node .build/emulator/cli.js [options]
  --port <n>               port on 127.0.0.1 (or PORT; default ${DEFAULT_PORT}; 0 = any free port)
  --project <dir>          run another Mini Program project: its project.config.json's miniprogramRoot
                           (preview) and cloudfunctionRoot (functions); default: Bookcase itself
  --data <dir>             data folder (default <project>/.cloudbase/)
  --functions <dir>        functions root (default: cloudbaserc.json functionRoot, else cloudfunctionRoot)
  --import <file>          load {"collections": {...}} at start (replaces those collections)
  --export-on-exit <file>  write the database there on Ctrl-C
  --seed / --no-seed       demo shelf: always / never (default: only into an empty database;
                           never with --project)
  --no-preview             don't serve the browser preview at /
  --repair                 start even if many database records are damaged: drop them, load the rest
                           (copies of the damaged files stay in <data>/db as *.damaged-<time>)`

// The bundle lives in <Bookcase>/.build/emulator/.
const toolDir = path.resolve(__dirname, '..', '..')

function fail(message: string): never {
  console.error(`bookcase emulator: ${message}`)
  process.exit(1)
}

function parse() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      project: { type: 'string' },
      data: { type: 'string' },
      functions: { type: 'string' },
      import: { type: 'string' },
      'export-on-exit': { type: 'string' },
      seed: { type: 'boolean' },
      'no-seed': { type: 'boolean' },
      'no-preview': { type: 'boolean' },
      repair: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT)
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) fail(`invalid port: ${portText}`)
  const fromCwd = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p))
  const layout = readProjectLayout(fromCwd(values.project) ?? toolDir)
  const own = layout.dir === toolDir
  if (!values['no-preview'] && !existsSync(path.join(layout.miniprogramRoot, 'app.json'))) {
    throw new StartupError(`no app.json in ${layout.miniprogramRoot} (the project's miniprogramRoot); --no-preview runs its functions alone`)
  }
  return {
    port,
    projectDir: layout.dir,
    miniprogramRoot: layout.miniprogramRoot,
    cloudfunctionRoot: layout.cloudfunctionRoot,
    dataDir: fromCwd(values.data) ?? path.join(layout.dir, '.cloudbase'),
    functionsDir: fromCwd(values.functions),
    importFile: fromCwd(values.import),
    exportOnExit: fromCwd(values['export-on-exit']),
    // The demo shelf is Bookcase's (added through its function): another project gets it only when asked.
    seed: values['no-seed'] ? ('never' as const) : values.seed ? ('always' as const) : own ? ('auto' as const) : ('never' as const),
    preview: !values['no-preview'],
    repair: values.repair === true,
  }
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parse>
  try {
    options = parse()
  } catch (error) {
    if (error instanceof StartupError) fail(error.message)
    fail(`${(error as Error).message}\n${USAGE}`)
  }
  let emulator: Emulator
  try {
    emulator = await Emulator.start({
      ...options,
      toolDir,
      env: process.env,
      workerFile: path.join(__dirname, 'worker.js'),
      // Undocumented knob for tests: compact often, to exercise compaction under load and kill -9.
      compactBytes: Number(process.env.BOOKCASE_COMPACT_BYTES) || undefined,
      log: (message) => console.log(`[emulator] ${message}`),
    })
  } catch (error) {
    if (process.env.BOOKCASE_DEBUG === '1') console.error(error)
    fail(error instanceof StartupError ? error.message : `failed to start: ${(error as Error).message}`)
  }

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) process.exit(130) // a second Ctrl-C: don't wait
    stopping = true
    console.log(`[emulator] ${signal}: shutting down`)
    emulator.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(`bookcase emulator: shutdown failed: ${(error as Error).message}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  // Only now: a Ctrl-C sent as soon as this line shows is a clean shutdown, not a kill.
  console.log(`Bookcase emulator ready at ${emulator.url}`)
}

void main()
