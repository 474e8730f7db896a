/**
 * The diagram tab: Mermaid, loaded the first time a diagram is shown (it is the largest part of
 * the page), rendered with its strict security level (no links, no scripts from the input).
 */
type Mermaid = typeof import('mermaid').default;

let loading: Promise<Mermaid> | undefined;
let count = 0;

function mermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then(m => {
    // Mermaid 12 lays out with ELK by default; the playground ships dagre only (build.ts).
    m.default.initialize({
      startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true, layout: 'dagre', theme: 'neutral',
    });
    return m.default;
  });
  return loading;
}

/** Renders the Mermaid source as SVG into `container`; on failure, shows the source and why. */
export async function renderDiagram(container: HTMLElement, source: string): Promise<void> {
  const m = await mermaid();
  try {
    const { svg } = await m.render(`diagram-${++count}`, source);
    // Mermaid's SVG holds HTML labels (not well-formed XML), so it is parsed as HTML; strict
    // security has already sanitized it.
    const drawn = new DOMParser().parseFromString(svg, 'text/html').querySelector('svg');
    if (!drawn) throw new Error('mermaid returned no SVG');
    container.replaceChildren(document.importNode(drawn, true));
  } catch (e) {
    const pre = document.createElement('pre');
    pre.textContent = `the diagram could not be drawn: ${e instanceof Error ? e.message : String(e)}\n\n${source}`;
    container.replaceChildren(pre);
  }
}
