// The few DOM members the ingest uses, typed here: the core compiles without the DOM library
// (it runs in Node and in a web worker), and linkedom's own types lean on it.
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly parentNode: DomElement | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly textContent: string | null;
  remove(): void;
}

export interface DomAttribute {
  readonly name: string;
  readonly value: string;
}

export interface DomElement extends DomNode {
  readonly localName: string;
  readonly attributes: ArrayLike<DomAttribute>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  replaceChildren(...nodes: DomNode[]): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
  createTextNode(text: string): DomNode;
  createElement(name: string): DomElement & { innerHTML: string };
}

/**
 * The page parsed by linkedom: a DOM with no script engine, so nothing in the page ever runs
 * (no <script>, no on* handler, no javascript: link) however it is written.
 */
export function parsePage(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** The next node in document order, not descending into `node` when `skipChildren`; iterative, so any depth is safe. */
export function nextNode(node: DomNode, root: DomNode, skipChildren = false): DomNode | null {
  if (!skipChildren && node.firstChild) return node.firstChild;
  let current: DomNode | null = node;
  while (current && current !== root) {
    if (current.nextSibling) return current.nextSibling;
    current = current.parentNode;
  }
  return null;
}

/** Elements under `root` (not itself) in document order. */
export function elementsUnder(root: DomNode): DomElement[] {
  const found: DomElement[] = [];
  for (let node = nextNode(root, root); node; node = nextNode(node, root)) if (isElement(node)) found.push(node);
  return found;
}
