// Without Chromium the browser suites fail with one line that says how to install it (never a skip).
import { chromiumMissing, launchBrowser } from '../../support/browser'

test('a missing Chromium is one clear error line with the install command', async () => {
  const error = await launchBrowser({ executablePath: '/nonexistent/chromium' }).catch((e: Error) => e)
  expect(error).toBeInstanceOf(Error)
  expect((error as Error).message).toBe('Chromium not found at /nonexistent/chromium — install it with: sudo apt-get install chromium fonts-noto-cjk')
  expect((error as Error).message).toBe(chromiumMissing('/nonexistent/chromium'))
  expect((error as Error).message).not.toContain('\n')
})
