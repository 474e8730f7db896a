/**
 * The playground page: compose files on the left, what the library makes of them on the right,
 * converted in the browser as the user types. The state lives in the URL fragment; nothing is
 * sent anywhere.
 */
import {
  CHOICES, commandLine, COMPOSE_FILE, Conversion, ConversionFailed, convert, DEFAULT_OPTIONS, ENV_FILE, OVERRIDE_FILE,
  PlaygroundOptions, typescriptApp,
} from './adapter';
import { EXAMPLES } from './examples';
import { decodeState, encodeState, PlaygroundState } from './state';
import { byId, debounce, el } from './ui/dom';
import { ProjectEditor } from './ui/editor';
import { initOptions, readOptions, writeOptions } from './ui/options';
import { OutputPanel } from './ui/output';

/** How long typing must pause before the page converts. */
const DEBOUNCE_MS = 250;

/** The last input that converted, for the TypeScript and the zip. */
let lastGood: { files: { [name: string]: string }; options: PlaygroundOptions; conversion: Conversion } | undefined;
/** The fragment the page wrote last, to tell its own changes from a link the user opened. */
let written = '';

const debounced = debounce(() => run(), DEBOUNCE_MS);
/** A change: the status says a conversion is pending until it has run. */
const schedule = (): void => {
  byId('status').dataset.pending = 'true';
  debounced();
};
const editor = new ProjectEditor({
  tabs: byId('file-tabs'),
  parent: byId('editor'),
  cursor: byId('cursor'),
  fixed: [COMPOSE_FILE, OVERRIDE_FILE, ENV_FILE],
  onChange: schedule,
});
const output = new OutputPanel({
  goTo: m => editor.goTo(m.file!, m.line ?? 1, m.col ?? 1),
  typescript: () => {
    if (!lastGood) throw new Error('nothing converted yet');
    return typescriptApp(lastGood.files, lastGood.options);
  },
});

/** Converts what the editor holds and shows the result, or the errors over the last good output. */
function run(): void {
  const files = editor.files();
  const options = readOptions();
  byId('command').textContent = commandLine(options);
  saveState({ files, options });
  const start = performance.now();
  try {
    const conversion = convert(files, options);
    const ms = performance.now() - start;
    lastGood = { files, options, conversion };
    editor.setProblems([]);
    output.show(conversion);
    showStatus(`${conversion.yaml.map(f => f.name).join(', ')}: ${conversion.warnings.length} warnings, converted in ${Math.round(ms)} ms`, ms, 'ok');
  } catch (e) {
    const messages = e instanceof ConversionFailed ? e.messages : [{ severity: 'error' as const, text: String(e), detail: String(e) }];
    editor.setProblems(messages);
    output.showErrors(messages);
    showStatus(`${messages.length} error${messages.length === 1 ? '' : 's'}`, performance.now() - start, 'error');
  }
}

function showStatus(text: string, ms: number, state: 'ok' | 'error'): void {
  const status = byId('status');
  status.textContent = text;
  status.dataset.state = state;
  status.dataset.convertMs = ms.toFixed(1);
  status.dataset.runs = String(Number(status.dataset.runs ?? '0') + 1);
  status.dataset.pending = 'false';
}

function saveState(state: PlaygroundState): void {
  written = `#${encodeState(state)}`;
  if (location.hash !== written) history.replaceState(null, '', written);
}

function load(state: PlaygroundState): void {
  writeOptions(state.options);
  editor.setFiles(state.files);
  run();
}

function initExamples(): void {
  const menu = byId<HTMLSelectElement>('examples');
  menu.append(...EXAMPLES.map(x => el('option', { value: x.id }, x.title)));
  menu.addEventListener('change', () => {
    const example = EXAMPLES.find(x => x.id === menu.value);
    menu.value = '';
    if (example) load({ files: example.files, options: example.options });
  });
}

function initAddFile(): void {
  byId('add-file').addEventListener('click', () => {
    const name = prompt('File name, relative to the compose file (such as gateway/yarp.json):');
    if (name !== null && !editor.addFile(name.trim())) alert(`"${name}" cannot be added: use a new relative path without ".."`);
  });
}

initOptions(CHOICES, schedule);
initExamples();
initAddFile();
window.addEventListener('hashchange', () => {
  if (location.hash === written) return;
  const state = decodeState(location.hash, DEFAULT_OPTIONS);
  if (state) load(state);
});
const shared = decodeState(location.hash, DEFAULT_OPTIONS);
const damaged = location.hash.length > 1 && !shared;
load(shared ?? { files: EXAMPLES[0].files, options: EXAMPLES[0].options });
if (damaged) byId('status').textContent = 'the link\'s state could not be read: showing the shop instead';
