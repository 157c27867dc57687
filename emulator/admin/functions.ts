// functions.invokeFunction: a function calling another (emulator/README.md, "Calling a function from a
// function"). The callee inherits the calling invocation's identity, found through the WX_API_TOKEN
// the caller's SDK sends, and its SOURCE gains `,scf`. A call without a known token (e.g. a script
// using the SDK directly) runs without identity.
import { invalidParam } from '../errors'
import type { FunctionRunner } from '../functions/runner'
import { MAX_BODY_DEPTH, parseJson } from '../http/json-depth'
import type { ActionHandler } from './context'

export function functionActions(runner: FunctionRunner): Record<string, ActionHandler> {
  return {
    'functions.invokeFunction': async ({ body }) => {
      if (typeof body.function_name !== 'string') throw invalidParam('function_name is required')
      // The callee's event, held to the gateway's depth limit: the same data, arriving another way.
      const data: unknown =
        typeof body.request_data === 'string' && body.request_data !== ''
          ? parseJson(body.request_data, MAX_BODY_DEPTH, (reason) => invalidParam(`request_data: ${reason}`))
          : {}
      const parent = runner.callerOf(body.wxCloudApiToken)
      const caller = parent ? { ...parent, source: `${parent.source},scf` } : { source: 'scf' }
      const { json } = await runner.invoke(body.function_name, data, caller)
      // What response_data holds when a function returns undefined is UNVERIFIED; "null" parses cleanly.
      return { data: { response_data: json ?? 'null' } }
    },
  }
}
