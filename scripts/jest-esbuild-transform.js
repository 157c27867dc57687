// Jest transform: transpile TypeScript with esbuild (fast, no type-checking).
// Types are checked once, up front, by `npm run typecheck` (tsc --noEmit over every tsconfig).
const { transformSync } = require('esbuild')

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
    })
    return { code, map }
  },
}
