/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, with the DOM's types.
/**
 * The playground in a real browser: the page built by `npm run playground`, served on localhost,
 * driven in Debian's headless Chromium. It pastes the course's shop and compares the page's YAML
 * with what the command-line tool writes for the same files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { Browser, Page } from 'playwright-core';
import { cliConvert, downloadBytes, launchChromium, nextConversion, paste, settled, status } from './support';
import { buildPlayground, BuildReport, DIST } from '../../playground/build';
import { serve, Served } from '../../playground/serve';

const ROOT = join(__dirname, '..', '..');
const REPORTS = join(ROOT, 'test-reports');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf-8');

/** The course's shop, as examples/compose holds it. */
const SHOP = {
  'docker-compose.yml': read('examples/compose/docker-compose.yml'),
  'docker-compose.override.yml': read('examples/compose/docker-compose.override.yml'),
  'gateway/yarp.json': read('examples/compose/gateway/yarp.json'),
};
/** The line of rabbitmq's `ports:`, which a warning names (a StatefulSet's published ports are not mapped). */
const SHOP_LINES = SHOP['docker-compose.yml'].split('\n');
const RABBITMQ_PORTS_LINE = SHOP_LINES.findIndex((l, i) => i > SHOP_LINES.indexOf('  rabbitmq:') && /^\s+ports:/.test(l)) + 1;

/** Converting the shop in the page after load: the budget. */
const CONVERT_BUDGET_MS = 300;

jest.setTimeout(120_000);

let report: BuildReport;
let served: Served;
let browser: Browser;
let page: Page;
let shopYaml: Buffer;

beforeAll(async () => {
  report = await buildPlayground(DIST, () => undefined);
  served = await serve(DIST);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(served.url);
  await nextConversion(page, 0);
  expect(errors).toEqual([]);
  shopYaml = (await cliConvert(SHOP))['eshop.k8s.yaml'];
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('the playground page, given the shop', () => {
  test('is built within its size budget', () => {
    expect(report.gzipBytes).toBeLessThan(2 * 1024 * 1024);
    expect(report.files.map(f => f.name)).toEqual(expect.arrayContaining(['index.html', 'main.js', 'style.css']));
  });

  test('converts the pasted shop to the YAML convert writes, byte for byte, in under 300 ms', async () => {
    // Start from another example, so every file of the shop is pasted in.
    let { runs } = await status(page);
    await page.selectOption('#examples', 'voting');
    ({ runs } = await nextConversion(page, runs));
    // The command line's options, whatever the last example set; the voting example's .env is empty.
    await page.selectOption('#option-networkPolicy', 'networks');
    page.once('dialog', d => void d.accept('gateway/yarp.json'));
    await page.click('#add-file');
    await paste(page, SHOP['gateway/yarp.json']);
    await page.click('#file-tabs [data-file="docker-compose.override.yml"]');
    await paste(page, SHOP['docker-compose.override.yml']);
    await page.click('#file-tabs [data-file="docker-compose.yml"]');
    await paste(page, SHOP['docker-compose.yml']);
    await page.waitForFunction(() => /^eshop\.k8s\.yaml: 25 warnings/.test(document.getElementById('status')?.textContent ?? ''));
    const times = [(await status(page)).ms, ...await rerun(page, 6)];

    const yaml = await downloadBytes(page, '#yaml-download');
    expect(yaml.name).toBe('eshop.k8s.yaml');
    expect(yaml.bytes.equals(shopYaml)).toBe(true);
    // The fastest of seven runs is what the page needs; slower runs measure the other processes
    // on a shared 2-core machine too. All of them go to the report.
    const sorted = [...times].sort((a, b) => a - b);
    const timing = { shopConvertMs: times, fastestMs: sorted[0], medianMs: sorted[3], budgetMs: CONVERT_BUDGET_MS };
    writeReport('playground-timing.json', `${JSON.stringify(timing, undefined, 2)}\n`);
    expect(timing.fastestMs).toBeLessThan(CONVERT_BUDGET_MS);
  });

});

describe('the playground page\'s outputs', () => {
  test('puts the editor\'s cursor on the line a warning names when it is clicked', async () => {
    await page.click('#file-tabs [data-file="docker-compose.override.yml"]');
    await page.click('#tab-warnings');
    await page.locator(`#warnings button[data-file="docker-compose.yml"][data-line="${RABBITMQ_PORTS_LINE}"]`).first().click();
    const cursor = page.locator('#cursor');
    await expect(cursor.getAttribute('data-file')).resolves.toBe('docker-compose.yml');
    await expect(cursor.getAttribute('data-line')).resolves.toBe(String(RABBITMQ_PORTS_LINE));
    await expect(page.locator('#editor .cm-activeLineGutter').first().textContent()).resolves.toBe(String(RABBITMQ_PORTS_LINE));
    await expect(page.locator('#editor .cm-activeLine').first().textContent()).resolves.toContain('ports:');
  });

  test('draws the diagram as SVG', async () => {
    await page.click('#tab-diagram');
    await page.waitForSelector('#diagram[data-state="drawn"] svg');
    const labels = await page.locator('#diagram svg').textContent();
    for (const name of ['webapigw', 'catalog-api', 'basket-api', 'ordering-api', 'sqldata']) expect(labels).toContain(name);
  });

  test('shows a bad edit\'s error in place, keeps the last output marked stale, and recovers', async () => {
    await page.click('#tab-yaml');
    await page.click('#file-tabs [data-file="docker-compose.yml"]');
    await page.locator('#editor .cm-content').click();
    await page.keyboard.press('Control+End');
    let { runs } = await status(page);
    // A top-level key the compose specification does not have.
    await page.keyboard.insertText('\nvolumez: 3\n');
    ({ runs } = await nextConversion(page, runs));

    await expect(page.locator('#problems').isVisible()).resolves.toBe(true);
    await expect(page.locator('#right').getAttribute('class')).resolves.toContain('stale');
    const problem = page.locator('#problems-list button[data-file="docker-compose.yml"]').first();
    await expect(problem.textContent()).resolves.toMatch(/docker-compose\.yml:\d+/);
    await expect(page.locator('#editor .cm-lintRange-error').count()).resolves.toBeGreaterThan(0);
    expect((await downloadBytes(page, '#yaml-download')).bytes.equals(shopYaml)).toBe(true);

    await page.locator('#editor .cm-content').click();
    await page.keyboard.press('Control+z');
    await nextConversion(page, runs);
    await expect(page.locator('#problems').isHidden()).resolves.toBe(true);
    await expect(page.locator('#right').getAttribute('class')).resolves.not.toContain('stale');
    expect((await downloadBytes(page, '#yaml-download')).bytes.equals(shopYaml)).toBe(true);
  });

});

describe('the playground page, shared and owned', () => {
  test('keeps the files and options in the URL fragment, and a new page opened on it shows the same', async () => {
    let { runs } = await status(page);
    await page.selectOption('#option-platform', 'gke');
    ({ runs } = await nextConversion(page, runs));
    const url = page.url();
    expect(new URL(url).hash).toMatch(/^#s1\./);
    const yaml = await downloadBytes(page, '#yaml-download');

    const other = await browser.newPage();
    await other.goto(url);
    await nextConversion(other, 0);
    expect(other.url()).toBe(url);
    await expect(other.locator('#option-platform').inputValue()).resolves.toBe('gke');
    await expect(status(other).then(s => s.text.split(',')[0])).resolves.toBe((await status(page)).text.split(',')[0]);
    expect((await downloadBytes(other, '#yaml-download')).bytes.equals(yaml.bytes)).toBe(true);
    await other.close();
  });

  test('writes the TypeScript app init writes, as a zip with its package.json, cdk8s.yaml, tsconfig and the files it mounts', async () => {
    await page.click('#tab-typescript');
    await page.waitForSelector('#ts-files button[data-file="k8s/main.ts"]');
    const zip = await downloadBytes(page, '#ts-download');
    const files = unzipSync(new Uint8Array(zip.bytes));
    expect(zip.name).toBe('eshop-k8s.zip');
    expect(Object.keys(files)).toEqual(['k8s/main.ts', 'k8s/package.json', 'k8s/tsconfig.json', 'k8s/cdk8s.yaml', 'k8s/files/gateway/yarp.json']);
    // The same package.json, tsconfig and cdk8s.yaml as init writes (one function writes both).
    expect(JSON.parse(strFromU8(files['k8s/package.json'])).scripts.synth).toBe('node --require sucrase/register/ts main.ts');
    expect(strFromU8(files['k8s/files/gateway/yarp.json'])).toBe(SHOP['gateway/yarp.json']);
    expect(strFromU8(files['k8s/main.ts'])).toContain("join(__dirname, 'files/gateway/yarp.json')");
    expect(strFromU8(files['k8s/main.ts'])).toContain('Platform.GKE');
    expect(JSON.parse(strFromU8(files['k8s/package.json'])).dependencies).toHaveProperty('k8s-course-constructs');
  });

  test('saves a screenshot', async () => {
    await page.click('#tab-diagram');
    await page.waitForSelector('#diagram[data-state="drawn"] svg');
    mkdirSync(REPORTS, { recursive: true });
    await page.screenshot({ path: join(REPORTS, 'playground.png') });
  });
});

describe('the playground page\'s examples', () => {
  test.each([
    ['voting', 'playground/examples/voting', [], []],
    ['notes', 'playground/examples/notes', ['nginx/default.conf'], []],
    ['notes', 'playground/examples/notes', ['nginx/default.conf'], ['--published-ports', 'node-port', '--profile', 'debug', '--image-tag', '2.0']],
  ])('converts the %s example as convert does in its folder (%#)', async (id, dir, extra, args) => {
    const files: { [name: string]: string } = { 'docker-compose.yml': read(`${dir}/docker-compose.yml`) };
    for (const name of ['docker-compose.override.yml', '.env', ...extra]) files[name] = existsSync(join(ROOT, dir, name)) ? read(`${dir}/${name}`) : '';
    let { runs } = await status(page);
    await page.click('#tab-yaml');
    await page.selectOption('#examples', id);
    ({ runs } = await nextConversion(page, runs));
    // The page's option for each flag, and the command line's default network policies.
    await page.selectOption('#option-networkPolicy', 'networks');
    await page.selectOption('#option-publishedPorts', args.includes('node-port') ? 'node-port' : 'gateway');
    await page.fill('#option-profiles', args.includes('debug') ? 'debug' : '');
    await page.fill('#option-imageTag', args.includes('2.0') ? '2.0' : '');
    await settled(page);
    await expect(page.locator('#command').textContent()).resolves.toBe(['k8s-course-constructs convert', ...args].join(' '));

    const cli = await cliConvert(files, args);
    const yaml = await downloadBytes(page, '#yaml-download');
    // convert also writes what the cluster must provide beside the YAML; the page shows the YAML.
    expect(Object.keys(cli).sort()).toEqual([yaml.name, yaml.name.replace(/\.k8s\.yaml$/, '.prerequisites.md')]);
    expect(yaml.bytes.toString()).toEqual(cli[yaml.name].toString());
  });
});

/** Runs the same conversion again `n` times (an input event with nothing changed) and returns each time. */
async function rerun(p: Page, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const { runs } = await status(p);
    await p.dispatchEvent('#option-imageTag', 'input');
    times.push((await nextConversion(p, runs)).ms);
  }
  return times;
}

function writeReport(name: string, text: string): void {
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(join(REPORTS, name), text);
}
