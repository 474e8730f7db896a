/**
 * The right side: the YAML per chart (with copy and download), the warnings, the diagram and the
 * TypeScript app, in tabs; and the errors of a file that does not convert, above the last output
 * that did (marked stale).
 */
import { zipSync, strToU8 } from 'fflate';
import { renderDiagram } from './diagram';
import { byId, copyText, download, el } from './dom';
import { FileViewer } from './viewer';
import type { Conversion, TypeScriptApp } from '../adapter';
import type { Message } from '../messages';

/** What the panel asks of the page. */
export interface OutputHandlers {
  /** Puts the editor's cursor where a message points. */
  goTo(message: Message): void;
  /** The app `init` writes for the last input that converted; throws on errors. */
  typescript(): TypeScriptApp;
}

const TABS = ['yaml', 'warnings', 'diagram', 'typescript'] as const;
type Tab = typeof TABS[number];

/** Zip entries get one fixed date, so the same app gives the same zip. */
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export class OutputPanel {
  private readonly yaml = new FileViewer(byId('yaml-files'), byId('yaml-view'));
  private readonly ts = new FileViewer(byId('ts-files'), byId('ts-view'));
  private conversion?: Conversion;
  private drawn?: string;
  private tsOf?: Conversion;
  private tsStackId = 'app';
  private tab: Tab = 'yaml';

  public constructor(private readonly handlers: OutputHandlers) {
    for (const t of TABS) byId(`tab-${t}`).addEventListener('click', () => this.select(t));
    byId('yaml-copy').addEventListener('click', () => void this.copyYaml());
    byId('yaml-download').addEventListener('click', () => {
      const f = this.yaml.file;
      if (f) download(f.name, f.text, f.name.endsWith('.md') ? 'text/markdown' : 'application/yaml');
    });
    byId('ts-download').addEventListener('click', () => this.downloadApp());
    this.select('yaml');
  }

  /** Shows a conversion; the errors of an earlier input, if any, go away. */
  public show(conversion: Conversion): void {
    this.conversion = conversion;
    byId('right').classList.remove('stale');
    byId('problems').hidden = true;
    this.yaml.setFiles([...conversion.yaml, conversion.prerequisites]);
    byId('warnings').replaceChildren(...conversion.warnings.map(m => this.item(m)));
    byId('tab-warnings').textContent = `Warnings (${conversion.warnings.length})`;
    this.refresh();
  }

  /** Shows why the input does not convert, and marks the last output stale. */
  public showErrors(messages: Message[]): void {
    byId('right').classList.toggle('stale', this.conversion !== undefined);
    byId('problems-list').replaceChildren(...messages.map(m => this.item(m)));
    byId('problems-note').textContent = this.conversion
      ? 'The output below is from the last input that converted: it is stale until the errors are fixed.'
      : 'Nothing converted yet.';
    byId('problems').hidden = false;
  }

  public select(tab: Tab): void {
    this.tab = tab;
    for (const t of TABS) {
      byId(`tab-${t}`).setAttribute('aria-selected', String(t === tab));
      byId(`panel-${t}`).hidden = t !== tab;
    }
    this.refresh();
  }

  /** Draws the diagram and writes the TypeScript only when their tab is on show. */
  private refresh(): void {
    const c = this.conversion;
    if (!c) return;
    if (this.tab === 'diagram' && this.drawn !== c.diagram) {
      this.drawn = c.diagram;
      const target = byId('diagram');
      target.dataset.state = 'drawing';
      void renderDiagram(target, c.diagram).then(() => {
        target.dataset.state = 'drawn';
      });
    }
    if (this.tab === 'typescript' && this.tsOf !== c) this.writeTypeScript(c);
  }

  private writeTypeScript(c: Conversion): void {
    this.tsOf = c;
    try {
      const { stackId, files } = this.handlers.typescript();
      this.tsStackId = stackId;
      this.ts.setFiles(files);
      byId('ts-error').textContent = '';
    } catch (e) {
      byId('ts-error').textContent = e instanceof Error ? e.message : String(e);
    }
  }

  /** The app as `init -o k8s` writes it: k8s/ with its files, and the project files it mounts under k8s/files/. */
  private downloadApp(): void {
    if (this.tab !== 'typescript' || !this.conversion) return;
    const entries: { [path: string]: [Uint8Array, { mtime: Date }] } = {};
    for (const f of this.ts.all) entries[f.name] = [strToU8(f.text), { mtime: ZIP_DATE }];
    download(`${this.tsStackId}-k8s.zip`, zipSync(entries, { level: 9 }), 'application/zip');
  }

  private async copyYaml(): Promise<void> {
    const f = this.yaml.file;
    const button = byId('yaml-copy');
    if (!f) return;
    button.textContent = await copyText(f.text) ? 'Copied' : 'Copy failed: use Download';
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  }

  /** A message as a list item; one with a file and line is a button that moves the editor's cursor there. */
  private item(m: Message): HTMLLIElement {
    const where = m.file !== undefined ? `${m.file}${m.line !== undefined ? `:${m.line}${m.col !== undefined ? `:${m.col}` : ''}` : ''}` : m.path ?? '';
    const parts: Array<Node | string> = [];
    if (where) parts.push(el('span', { class: 'where' }, where));
    if (m.key) parts.push(el('code', { class: 'key' }, m.key));
    parts.push(el('span', { class: 'detail' }, m.key || where ? m.detail : m.text));
    if (m.file === undefined) return el('li', { class: m.severity }, el('div', { class: 'item' }, ...parts));
    const button = el('button', { 'type': 'button', 'class': 'goto', 'data-file': m.file, 'data-line': String(m.line ?? 1) }, ...parts);
    button.title = m.text;
    button.addEventListener('click', () => this.handlers.goTo(m));
    return el('li', { class: m.severity }, button);
  }
}
