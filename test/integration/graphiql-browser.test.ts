import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_TABS } from '../../src/graphiql/examples.ts';
import { REPO_ROOT, type ServerProcess, startServerProcess } from '../support/server-process.ts';

// GraphiQL as a developer meets it: `npm start` as a real process, the page in a real
// headless Chromium (Debian's package, driven by playwright-core), the default example
// run from the UI, and the sandbox's meeting titles read back from the result pane.
// The page must work offline: any request that leaves the gateway's origin fails the test.
// A screenshot is left in .artifacts/graphiql.png.
//
// Without /usr/bin/chromium this test fails (it is never skipped): `apt-get install chromium`.

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = join(REPO_ROOT, '.artifacts', 'graphiql.png');

/** Only PATH and HOME reach the process (see startServerProcess): sandbox mode. */
const startGateway = () => startServerProcess({ PORT: '0', HOST: '127.0.0.1' });

async function launchChromium(profile: string): Promise<BrowserContext> {
  const hint = 'install Debian\'s chromium package ("apt-get install -y chromium"; .ci/run does)';
  if (!existsSync(CHROMIUM)) throw new Error(`GraphiQL browser test: ${CHROMIUM} is missing: ${hint}.`);
  try {
    // A persistent context is how playwright takes a --user-data-dir: a fresh one per run.
    return await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      timeout: 20_000,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`GraphiQL browser test: ${CHROMIUM} could not start (${hint}): ${reason}`);
  }
}

/** What a POST of the same FirstPage operation returns: what the page should show. */
async function firstPageByFetch(
  url: string,
  query: string,
): Promise<{ totalCount: number; titles: string[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, operationName: 'FirstPage' }),
  });
  const body = (await response.json()) as {
    data?: { meetings?: { totalCount: number; edges: { node: { title: string | null } }[] } | null };
  };
  const meetings = body.data?.meetings;
  return {
    totalCount: meetings?.totalCount ?? -1,
    titles: (meetings?.edges ?? []).map((edge) => edge.node.title ?? ''),
  };
}

function operationName(body: string | null): unknown {
  try {
    return (JSON.parse(body ?? '') as { operationName?: unknown }).operationName;
  } catch {
    return undefined;
  }
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

/**
 * The result pane's text, whitespace collapsed. Its editor only renders the lines in
 * view, so this pages through it from the top with PageDown, gathering what each screen
 * shows, until `complete(text)` holds or paging changes nothing any more.
 */
async function readResultPane(page: Page, complete: (text: string) => boolean): Promise<string> {
  const lines = page.locator('.graphiql-response .view-lines');
  const screen = async () => collapse((await lines.textContent()) ?? '');
  await page.locator('.graphiql-response .monaco-editor').click();
  await page.keyboard.press('Control+Home');
  const screens = [await screen()];
  let unchanged = 0;
  // A PageDown from the top may only move the caret, so a few still presses are allowed.
  for (let i = 0; i < 20 && unchanged < 3 && !complete(screens.join(' ')); i++) {
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(150);
    const next = await screen();
    if (next === screens.at(-1)) unchanged++;
    else {
      unchanged = 0;
      screens.push(next);
    }
  }
  await page.keyboard.press('Control+Home');
  return screens.join(' ');
}

describe('GraphiQL in headless Chromium', () => {
  let gateway: ServerProcess | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'graphiql-chromium-'));

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(async () => {
    rmSync(profile, { recursive: true, force: true });
    if (gateway === undefined) return;
    const { child } = gateway;
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code, `gateway stderr: ${gateway.stderr.join('')}`).toBe(0);
  });

  it('every example tab runs against the sandbox with data and no errors', async () => {
    if (gateway === undefined) throw new Error('gateway did not start');
    for (const tab of GRAPHIQL_TABS) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          query: tab.query,
          variables: tab.variables === null ? undefined : JSON.parse(tab.variables),
        }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
      const name = /^(?:query|mutation) (\w+)/m.exec(tab.query)?.[1];
      expect({ name, status: response.status, errors: body.errors }).toEqual({
        name,
        status: 200,
        errors: undefined,
      });
      expect(
        Object.values(body.data ?? {}).every((value) => value !== null),
        `${name}: ${JSON.stringify(body)}`,
      ).toBe(true);
    }
  });

  it('opens on the FirstPage example, runs it and shows the sandbox meetings, then runs the AddParticipant mutation tab', {
    timeout: 60_000,
  }, async () => {
    if (gateway === undefined) throw new Error('gateway did not start');
    const { url } = gateway;
    const origin = new URL(url).origin;
    const firstTab = GRAPHIQL_TABS[0];
    if (firstTab === undefined) throw new Error('no GraphiQL example');
    const { totalCount, titles } = await firstPageByFetch(url, firstTab.query);
    expect(titles).toHaveLength(5);

    const context = await launchChromium(profile);
    try {
      // Offline: anything not served by the gateway (a CDN, a font host) is refused and noted.
      const foreign: string[] = [];
      await context.route('**/*', (route) => {
        const requested = route.request().url();
        if (new URL(requested).origin === origin) return route.continue();
        foreign.push(requested);
        return route.abort('blockedbyclient');
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      const loaded = await page.goto(url);
      expect(loaded?.status()).toBe(200);
      const run = page.getByRole('button', { name: /Execute query/ });
      await run.waitFor({ timeout: 20_000 });

      // GraphiQL opens with one tab per example, FirstPage first and selected.
      const names = GRAPHIQL_TABS.map((tab) => /^(?:query|mutation) (\w+)/m.exec(tab.query)?.[1]);
      const tabNames = page.locator('.graphiql-tab-button');
      await expect.poll(() => tabNames.allTextContents()).toEqual(names);
      const selected = page.getByRole('tab', { selected: true }).locator('.graphiql-tab-button');
      expect(await selected.textContent()).toBe('FirstPage');
      const editor = collapse((await page.locator('.graphiql-query-editor .view-lines').textContent()) ?? '');
      expect(editor).toContain('query FirstPage {');

      // ▶ runs the active tab's operation; the page's own request must name it.
      const sent = page.waitForRequest(
        (request) => request.method() === 'POST' && operationName(request.postData()) === 'FirstPage',
      );
      await run.click();
      await sent;
      await page
        .locator('.graphiql-response .view-lines')
        .filter({ hasText: 'totalCount' })
        .waitFor({ timeout: 10_000 });

      mkdirSync(join(REPO_ROOT, '.artifacts'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });

      const shown = titles.map((title) => `"title": "${collapse(title)}"`);
      const result = await readResultPane(page, (text) => shown.every((title) => text.includes(title)));
      expect(result).toContain(`"totalCount": ${totalCount}`);
      for (const title of shown) expect(result).toContain(title);
      expect(result).not.toContain('"errors"');

      // A mutation tab: AddParticipant adds a person to a sandbox meeting and shows the join token.
      // Tabs can be reordered by dragging: a plain DOM click selects one without a pointer drag.
      await page
        .locator('.graphiql-tab-button', { hasText: /^AddParticipant$/ })
        .evaluate((button) => (button as HTMLElement).click());
      await expect
        .poll(() => page.getByRole('tab', { selected: true }).locator('.graphiql-tab-button').textContent())
        .toBe('AddParticipant');
      await expect
        .poll(async () =>
          collapse((await page.locator('.graphiql-query-editor .view-lines').textContent()) ?? ''),
        )
        .toContain('mutation AddParticipant(');
      const added = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          operationName(response.request().postData()) === 'AddParticipant',
      );
      await run.click();
      const addedBody = (await (await added).json()) as {
        data?: { addParticipant?: { token?: string } | null };
        errors?: unknown;
      };
      expect(addedBody.errors).toBeUndefined();
      const token = addedBody.data?.addParticipant?.token ?? '';
      expect(token.startsWith('SANDBOX-JOIN-TOKEN-')).toBe(true);
      await page
        .locator('.graphiql-response .view-lines')
        .filter({ hasText: 'token' })
        .waitFor({ timeout: 10_000 });
      const mutationResult = await readResultPane(page, (text) => text.includes(token));
      expect(mutationResult).toContain(`"token": "${token}"`);
      expect(mutationResult).toContain('"customParticipantId": "user-42"');

      expect(foreign, 'requests that left the gateway').toEqual([]);
      expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
