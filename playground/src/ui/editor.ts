/**
 * The editor: one CodeMirror view, one state per project file, a tab per file. The fixed tabs
 * (docker-compose.yml, docker-compose.override.yml, .env) are always there; files the compose
 * files mount (gateway/yarp.json) can be added and removed.
 */
import { Diagnostic, setDiagnostics } from '@codemirror/lint';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { el } from './dom';
import { languageOf } from './viewer';
import type { Message } from '../messages';
import { isProjectPath } from '../state';

/** Where the page shows the cursor, and what it calls when the text changes. */
export interface EditorParts {
  readonly tabs: HTMLElement;
  readonly parent: HTMLElement;
  readonly cursor: HTMLElement;
  readonly fixed: string[];
  readonly onChange: () => void;
}

export class ProjectEditor {
  private readonly view: EditorView;
  private readonly states = new Map<string, EditorState>();
  private problems: Message[] = [];
  private current = '';

  public constructor(private readonly parts: EditorParts) {
    this.view = new EditorView({ parent: parts.parent, state: EditorState.create({ doc: '' }) });
  }

  /** The project's files, with the text as typed. */
  public files(): { [name: string]: string } {
    this.states.set(this.current, this.view.state);
    const out: { [name: string]: string } = {};
    for (const [name, state] of this.states) out[name] = state.doc.toString();
    return out;
  }

  /** Replaces every file (an example, a shared link); the fixed files are always there. */
  public setFiles(files: { readonly [name: string]: string }): void {
    this.states.clear();
    for (const name of [...this.parts.fixed, ...Object.keys(files).filter(n => !this.parts.fixed.includes(n)).sort()]) {
      this.states.set(name, this.createState(name, files[name] ?? ''));
    }
    this.current = '';
    this.select(this.parts.fixed[0]);
  }

  /** Shows a file's tab. */
  public select(name: string): void {
    if (!this.states.has(name)) return;
    if (this.current !== '') this.states.set(this.current, this.view.state);
    this.current = name;
    this.view.setState(this.states.get(name)!);
    this.applyProblems();
    this.renderTabs();
    this.showCursor();
  }

  /** Puts the cursor on a line (and column) of a file, scrolled into view and focused. */
  public goTo(file: string, line: number, col = 1): void {
    this.select(file);
    const doc = this.view.state.doc;
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
    const pos = Math.min(at.from + Math.max(col - 1, 0), at.to);
    this.view.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
    this.view.focus();
  }

  /** Marks the errors in their files (a squiggle on the line, a dot on the tab); [] clears them. */
  public setProblems(messages: Message[]): void {
    this.problems = messages.filter(m => m.file !== undefined);
    this.applyProblems();
    this.renderTabs();
  }

  /** Adds a file (one the compose files mount) and shows it; false when the name is not allowed or taken. */
  public addFile(name: string): boolean {
    if (!isProjectPath(name) || this.states.has(name)) return false;
    this.states.set(name, this.createState(name, ''));
    this.select(name);
    return true;
  }

  private removeFile(name: string): void {
    if (this.parts.fixed.includes(name)) return;
    this.states.delete(name);
    if (this.current === name) {
      this.current = '';
      this.select(this.parts.fixed[0]);
    } else {
      this.renderTabs();
    }
    this.parts.onChange();
  }

  private createState(name: string, text: string): EditorState {
    return EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        languageOf(name),
        EditorView.updateListener.of(u => {
          if (u.docChanged) this.parts.onChange();
          if (u.selectionSet || u.docChanged) this.showCursor();
        }),
      ],
    });
  }

  private applyProblems(): void {
    const doc = this.view.state.doc;
    const diagnostics: Diagnostic[] = this.problems.filter(m => m.file === this.current).map(m => {
      const line = doc.line(Math.min(Math.max(m.line ?? 1, 1), doc.lines));
      return { from: line.from, to: line.to, severity: 'error', message: m.text };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  private renderTabs(): void {
    const withErrors = new Set(this.problems.map(m => m.file));
    const tabs = [...this.states.keys()].map(name => {
      const tab = el('button', { 'type': 'button', 'role': 'tab', 'data-file': name, 'aria-selected': String(name === this.current) }, name);
      if (withErrors.has(name)) tab.classList.add('has-error');
      tab.addEventListener('click', () => this.select(name));
      if (this.parts.fixed.includes(name)) return tab;
      const remove = el('button', { 'type': 'button', 'class': 'remove', 'title': `remove ${name}`, 'aria-label': `remove ${name}` }, '×');
      remove.addEventListener('click', () => this.removeFile(name));
      return el('span', { class: 'tab-group' }, tab, remove);
    });
    this.parts.tabs.replaceChildren(...tabs);
  }

  private showCursor(): void {
    const head = this.view.state.selection.main.head;
    const line = this.view.state.doc.lineAt(head);
    this.parts.cursor.textContent = `${this.current}  Ln ${line.number}, Col ${head - line.from + 1}`;
    this.parts.cursor.dataset.file = this.current;
    this.parts.cursor.dataset.line = String(line.number);
  }
}

