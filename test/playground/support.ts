/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, with the DOM's types.
/**
 * What the playground's browser test needs: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), the page's own gestures (paste into the editor, download a file), and
 * the command-line tool run on the same files for the bytes to compare with.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import { runCli } from '../../src/cli/program';

/** Debian's chromium package; .ci/run installs it. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * The flags this machine needs (the environment's notes for the node machine): no sandbox as
 * root, no GPU, and none of Chromium's own connections, which the closed network refuses.
 */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Starts headless Chromium (playwright gives each launch a new, empty profile folder). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the playground test drives Debian's Chromium at ${CHROMIUM}: install it with apt-get install chromium (.ci/run does)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** Replaces the text of the editor's current file as a user's paste does (select all, then a paste event). */
export async function paste(page: Page, text: string): Promise<void> {
  const content = page.locator('#editor .cm-content');
  await content.click();
  await page.keyboard.press('Control+A');
  await content.evaluate((e, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    e.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Clicks a download button and returns the bytes the browser saved, with the file name it chose. */
export async function downloadBytes(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

/** Waits until a conversion after `runs` is on show, and returns the status line. */
export async function nextConversion(page: Page, runs: number): Promise<{ text: string; ms: number; runs: number }> {
  await page.waitForFunction(n => Number(document.getElementById('status')?.dataset.runs ?? 0) > n, runs);
  return status(page);
}

/** Waits until no conversion is pending (every change so far has been converted), and returns the status line. */
export async function settled(page: Page): Promise<{ text: string; ms: number; runs: number }> {
  await page.waitForSelector('#status[data-pending="false"]');
  return status(page);
}

/** The status line: what was converted, how many runs so far, and the last run's time. */
export async function status(page: Page): Promise<{ text: string; ms: number; runs: number }> {
  return page.locator('#status').evaluate(e => ({
    text: e.textContent ?? '',
    ms: Number((e as HTMLElement).dataset.convertMs),
    runs: Number((e as HTMLElement).dataset.runs ?? 0),
  }));
}

/**
 * `k8s-course-constructs convert [args]` run in a folder holding `files`, with no environment
 * variables: the files it writes, by name.
 */
export async function cliConvert(files: { [name: string]: string }, args: string[] = []): Promise<{ [name: string]: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'playground-cli-'));
  for (const [name, text] of Object.entries(files)) {
    if (text.trim() === '') continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  let stderr = '';
  const code = await runCli(['convert', '-o', 'dist', ...args], { stdout: () => undefined, stderr: t => (stderr += t), cwd: dir, env: {} });
  if (code !== 0) throw new Error(`convert failed: ${stderr}`);
  const out: { [name: string]: Buffer } = {};
  for (const name of readdirSync(join(dir, 'dist')).sort()) out[name] = readFileSync(join(dir, 'dist', name));
  return out;
}

