// One jest run, five suites. `npm test` type-checks and lints first; the test transform only transpiles.
const transform = { '^.+\\.ts$': '<rootDir>/scripts/jest-esbuild-transform.js' }
// 'ts' before 'json': miniprogram-simulate require()s a page path without extension, and a page
// folder holds both index.ts and index.json.
const moduleFileExtensions = ['ts', 'js', 'json']
const suite = (name, testEnvironment, extra = {}) => ({
  displayName: name,
  testEnvironment,
  transform,
  moduleFileExtensions,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  ...extra,
})

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  projects: [
    suite('unit', 'node'),
    suite('integration', 'node'),
    suite('pages', 'jsdom'),
    suite('e2e', 'node'),
    // WeChat's own compiler (miniprogram-ci) over miniprogram/: tests/build/compile.test.ts.
    suite('build', 'node'),
  ],
}
