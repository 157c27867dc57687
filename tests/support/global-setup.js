// Build once before any suite: integration, page and browser tests run the built emulator,
// the built cloud function and the built preview, exactly what `npm start` runs.
// BOOKCASE_SKIP_BUILD=1 skips it when you have just built the targets you need yourself.
const { execFileSync } = require('child_process')
const path = require('path')

module.exports = async () => {
  if (process.env.BOOKCASE_SKIP_BUILD === '1') return
  execFileSync(process.execPath, [path.join(__dirname, '../../scripts/build.mjs')], { stdio: 'inherit' })
}
