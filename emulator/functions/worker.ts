// Bootstrap of one warm function instance (a worker thread, bundled as .build/emulator/worker.js).
// It loads `<function>/index.js` with Node's normal resolution from the function's own folder (its
// node_modules, then its parents'), then runs one invocation at a time. process.env is this
// thread's own copy, so the caller's identity set here is invisible to other instances.
import { createRequire } from 'module'
import { format } from 'util'
import { parentPort, workerData } from 'worker_threads'
import type { InvokeMessage, WorkerData, WorkerMessage } from './protocol'

const port = parentPort!
const { name, entry } = workerData as WorkerData
const post = (message: WorkerMessage) => port.postMessage(message)
let currentRequest: string | undefined

// Function logs go to the emulator's console, tagged with the function name and request id.
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => post({ type: 'log', level, text: format(...args), requestId: currentRequest })
}

// A worker's process.env is backed by native code (about 200 ns a read) and wx-server-sdk reads a few
// dozen variables per request, so the thread swaps it for a plain object with process.env's one rule:
// whatever is assigned is stored as a string. Child processes still inherit it (spawn copies it).
process.env = new Proxy<NodeJS.ProcessEnv>(
  { ...process.env },
  {
    set: (target, key, value) => Reflect.set(target, key, String(value)),
    defineProperty: (target, key, descriptor) => Reflect.defineProperty(target, key, { ...descriptor, value: String(descriptor.value) }),
  },
)

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error))

let main: ((event: unknown, context: unknown) => unknown) | undefined
try {
  const loaded = createRequire(entry)(entry) as { main?: unknown }
  if (typeof loaded.main !== 'function') throw new Error(`${name}/index.js does not export a function named main`)
  main = loaded.main as typeof main
  post({ type: 'ready' })
} catch (error) {
  // The runner discards this instance and answers every caller with the error.
  post({ type: 'ready', error: describe(error) })
}

// An invocation this thread cannot deserialize still gets an answer, not a wait for the timeout.
port.on('messageerror', (error) => post({ type: 'unreadable', error: describe(error) }))

port.on('message', async (message: InvokeMessage) => {
  for (const [key, value] of Object.entries(message.env)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  currentRequest = message.requestId
  try {
    const result = await main!(message.event, message.context)
    post({ type: 'result', requestId: message.requestId, ok: true, json: result === undefined ? undefined : JSON.stringify(result) })
  } catch (error) {
    post({ type: 'result', requestId: message.requestId, ok: false, error: describe(error) })
  }
})
