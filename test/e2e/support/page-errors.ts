import type { Page } from '@playwright/test';

/**
 * Collects console errors (CSP violations show up there) and uncaught page errors of one page, so that a test
 * can assert there were none.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}
