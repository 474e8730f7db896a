/** A read-only CodeMirror view for the outputs (YAML, TypeScript), with its file buttons. */
import { javascript } from '@codemirror/lang-javascript';
import { yaml } from '@codemirror/lang-yaml';
import { EditorState, Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { el } from './dom';
import type { OutputFile } from '../adapter';

/** The language of a file, by its name. */
export function languageOf(name: string): Extension {
  if (/\.ya?ml$|\.json$/.test(name)) return yaml();
  if (/\.ts$/.test(name)) return javascript({ typescript: true });
  return [];
}

/** Shows one of several files, picked with a button per file. */
export class FileViewer {
  private readonly view: EditorView;
  private files: OutputFile[] = [];
  private current = '';
  private shown?: OutputFile;

  public constructor(private readonly buttons: HTMLElement, parent: HTMLElement) {
    this.view = new EditorView({ parent, state: this.state('', '') });
  }

  /** The file on show, as the library wrote it. */
  public get file(): OutputFile | undefined {
    return this.files.find(f => f.name === this.current) ?? this.files[0];
  }

  /** Every file it holds. */
  public get all(): OutputFile[] {
    return this.files;
  }

  /** Replaces the files, keeping the one on show when it is still there. */
  public setFiles(files: OutputFile[]): void {
    this.files = files;
    if (!files.some(f => f.name === this.current)) this.current = files[0]?.name ?? '';
    this.buttons.replaceChildren(...files.map(f => {
      const b = el('button', { 'type': 'button', 'role': 'tab', 'data-file': f.name }, f.name);
      b.addEventListener('click', () => this.select(f.name));
      return b;
    }));
    this.select(this.current);
  }

  public select(name: string): void {
    this.current = name;
    for (const b of this.buttons.querySelectorAll('button')) b.setAttribute('aria-selected', String(b.dataset.file === name));
    const file = this.file;
    if (file && (file.name !== this.shown?.name || file.text !== this.shown.text)) this.view.setState(this.state(file.name, file.text));
    this.shown = file;
  }

  private state(name: string, text: string): EditorState {
    return EditorState.create({
      doc: text,
      extensions: [basicSetup, languageOf(name), EditorState.readOnly.of(true), EditorView.editable.of(false)],
    });
  }
}
