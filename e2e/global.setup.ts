import { test as setup } from './fixtures-test';
import { saveRoleState } from './fixtures-auth';

/**
 * Runs once before the specs (the "setup" project of playwright.config.ts): the demo admin and
 * the demo customer sign in through the form, and their browser state (session cookie and the
 * English language cookie) is kept for the run in e2e/.auth/<port>/ (e2e/fixtures-auth.ts).
 */
setup('the demo admin and the demo customer sign in once for the run', async ({ browser }) => {
  await Promise.all([saveRoleState(browser, 'admin'), saveRoleState(browser, 'customer')]);
});
