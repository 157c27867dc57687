// mingo's helpers live at the subpath export 'mingo/util', which TypeScript's moduleResolution "node"
// (used by every tsconfig here) cannot see. This is the one bridge: the runtime module from the
// subpath, its types from mingo's declaration files.
import type * as MingoUtil from 'mingo/types/util'

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { compare, isEqual, resolve, setValue } = require('mingo/util') as typeof MingoUtil
