// Two users log in at the chat page in headless Chromium and exchange a message.
//   node chat.mjs <page url> <jid1> <password1> <jid2> <password2>
// Exits 0 when each browser shows the other's message; prints what failed otherwise.
import { chromium } from 'playwright-core';

const [url, jid1, pass1, jid2, pass2] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const timeout = 30000;
const pages = [];

async function login(jid, password) {
  // The test server's certificate is self-signed.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  page.on('pageerror', e => console.log(`[${jid}] page error: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${jid}] console ${m.type()}: ${m.text()}`); });
  pages.push([jid, page]);
  await page.goto(url);
  await page.fill('input[name="jid"]', jid, { timeout });
  await page.fill('input[name="password"]', password);
  await page.click('input[type="submit"], button[type="submit"]');
  // Logged in: the controlbox shows the user's own status.
  await page.waitForSelector('converse-user-profile, .xmpp-status, #chatrooms, converse-roster', { timeout });
  return page;
}

async function open(page, jid) {
  // The other user is a contact: open the chat from the contact list.
  await page.locator(`a.open-chat[data-jid="${jid}"]`).first().click({ timeout });
}

async function say(page, text) {
  const box = page.locator('textarea.chat-textarea');
  await box.waitFor({ timeout });
  await box.fill(text);
  await box.press('Enter');
}

async function sees(page, text) {
  await page.locator('.chat-msg__text', { hasText: text }).first().waitFor({ timeout });
}

try {
  const alice = await login(jid1, pass1);
  const bob = await login(jid2, pass2);
  await open(alice, jid2);
  await say(alice, 'hello from the browser');
  await open(bob, jid1);
  await sees(bob, 'hello from the browser');
  await say(bob, 'and back');
  await sees(alice, 'and back');
  console.log('OK: both browsers show the other user\'s message');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.log(`FAILED: ${e.message}`);
  for (const [jid, page] of pages) {
    const text = await page.evaluate(() => document.body.innerText).catch(() => '(no page)');
    console.log(`[${jid}] page text: ${text.replace(/\s+/g, ' ').slice(0, 600)}`);
    if (process.env.SCREENSHOTS) {
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/${jid}.png` }).catch(() => {});
    }
  }
  await browser.close();
  process.exit(1);
}
