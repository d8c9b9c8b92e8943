/** A tiny element builder: attributes only (never `style`, which a strict CSP refuses), then children. */
type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** Text for screen readers only. */
export const srOnly = (text: string) => h('span', { class: 'vf-sr' }, text);

/** Ids unique on the page: the light-DOM markup of several widgets shares one document. */
let counter = 0;
export const uniquePrefix = () => `vf${++counter}`;

/** The element that has the focus in the tree (document or shadow root) that holds `node`. */
export const activeIn = (node: Node): Element | null =>
  (node.getRootNode() as Document | ShadowRoot).activeElement;
