import { parse } from 'graphql';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExampleTabs } from '../src/server/graphiql/tabs';
import { type Browser, launchChromium } from './support/chromium';
import { startTestServer, type TestServer } from './support/server';

/**
 * GraphiQL in a real browser with no way out: every request that is not to this machine is
 * refused (request interception, and a host resolver that knows no other host), as on a bank's
 * intranet. The page must render from the API's own assets, open with the example tabs and run
 * one. Set GRAPHIQL_SCREENSHOT=/some/path.png to keep a screenshot. Chromium: support/chromium.ts.
 */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

let api: TestServer;
let browser: Browser | undefined;
const refused: string[] = [];
const served: string[] = [];

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  // No name but this machine's resolves, whatever the page tries.
  browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1']);
  await browser.context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname)) {
      served.push(url.pathname);
      return route.continue();
    }
    refused.push(url.href);
    return route.abort('internetdisconnected');
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** The Headers editor (it shares its panel with the hidden Variables editor). */
const HEADERS_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';

/**
 * Switches tabs as a click does. The click event itself: the tab bar is a drag-to-reorder list
 * whose layout animation leaves headless Chromium's pointer hit-testing one tab off.
 */
function openTab(page: Page, index: number): Promise<void> {
  return page.locator('.graphiql-tab-button').nth(index).dispatchEvent('click');
}

/**
 * The text of a GraphiQL editor as shown, whitespace (and so line wrapping) folded to single
 * spaces. Monaco draws only the lines in view, positioned by their style's top.
 */
function editorText(page: Page, selector: string): Promise<string> {
  return page
    .locator(`${selector} .view-lines`)
    .first()
    .evaluate((el) =>
      Array.from(el.querySelectorAll<HTMLElement>('.view-line'))
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => line.textContent ?? "")
        .join(' ')
        .replace(/\s+/g, ' '),
    );
}

describe('GraphiQL offline in Chromium', () => {
  it('renders from the API alone, opens one tab per use with sign-in headers, and runs a public query', async () => {
    const tabs = loadExampleTabs();
    const titles = tabs.map((t) => parse(t.query).definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []))[0]!);
    const page = await browser!.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewportSize({ width: 1400, height: 900 });

    const response = await page.goto(`${api.url}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-tab').first().waitFor({ timeout: 60_000 });
    expect(await page.title()).toBe('Temu Bisnis API');
    expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual(titles);

    // Each signed-in tab's Headers editor says which demo account to sign in as.
    for (const [i, tab] of tabs.entries()) {
      if (!tab.signInEmail) continue;
      await openTab(page, i);
      await expect.poll(() => editorText(page, HEADERS_EDITOR)).toContain(`pnpm cli token --email ${tab.signInEmail}`);
      expect(await editorText(page, '.graphiql-query-editor')).toContain(titles[i]);
    }

    // The public tab, anonymous: run its opportunities query and find the API's answer in the result pane.
    await openTab(page, 0);
    await expect.poll(() => editorText(page, '.graphiql-query-editor')).toContain('PublicOpportunities');
    await page.locator('.graphiql-execute-button').click();
    await page.getByRole('menuitem', { name: 'PublicOpportunities' }).click();
    const expected = await api.gql(`{ opportunities(first: 1, filter: { openOnly: true }) { totalCount nodes { title } } }`);
    const { totalCount, nodes } = expected.data!.opportunities as { totalCount: number; nodes: { title: string }[] };
    expect(totalCount).toBeGreaterThan(0);
    await expect.poll(() => editorText(page, '.graphiql-response'), { timeout: 30_000 }).toContain(`"totalCount": ${totalCount},`);
    expect(await editorText(page, '.graphiql-response')).toContain(`"title": "${nodes[0]!.title.replace(/\s+/g, ' ')}"`);

    const screenshot = process.env.GRAPHIQL_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot });
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    // The page, its script and style, and GraphiQL's introspection and query all came from the API.
    expect(served).toEqual(expect.arrayContaining(['/graphql', expect.stringMatching(/^\/graphiql\/[\d.]+\/yoga-graphiql\.js$/), expect.stringMatching(/\.css$/)]));
    console.log(`GraphiQL browser test: ${titles.length} tabs (${titles.join(', ')}), ${served.length} local requests, ${refused.length} refused; totalCount ${totalCount} shown${screenshot ? `; screenshot ${screenshot}` : ''}`);
    await page.close();
  }, 180_000);
});
