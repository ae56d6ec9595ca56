/** What every spec keeps with its report: screenshots for a person to look at, and the server's log on failure. */
import { test, type Page } from '@playwright/test';
import type { RunningServer } from './server';

/** A screenshot kept with the test's results (`<name>.png`), attached under `title` (default: the name). */
export async function keepScreenshot(
  page: Page,
  name: string,
  options: { title?: string; fullPage?: boolean } = {},
): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  await test.info().attach(options.title ?? name, { path, contentType: 'image/png' });
}

/**
 * After each test of the file that did not end as expected, the server's stderr is attached to the report and
 * printed, so a failure on CI shows what the engine said.
 */
export function attachServerLogOnFailure(server: () => RunningServer | undefined): void {
  test.afterEach(async () => {
    const info = test.info();
    const running = server();
    if (info.status === info.expectedStatus || running === undefined) return;
    await info.attach('server stderr', { body: running.stderr(), contentType: 'text/plain' });
    process.stderr.write(`--- anxun serve stderr ---\n${running.stderr()}\n`);
  });
}
