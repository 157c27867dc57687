// Build once before any suite: integration, page and browser tests run the built emulator,
// the built cloud function and the built preview, exactly what `npm start` runs.
const { execFileSync } = require('child_process')
const path = require('path')

module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, '../../scripts/build.mjs')], { stdio: 'inherit' })
}
