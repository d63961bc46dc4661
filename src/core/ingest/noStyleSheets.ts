/**
 * Bundled in place of `cssomnom/parse`, the CSS parser linkedom calls only when a `<style>`
 * element's `sheet` is asked for: reading an article never asks (Readability looks at elements,
 * not style sheets), and the parser was a fifth of the extension's bundle. Asking says why.
 */
export function parse(): never {
  throw new Error("Newsmark's page reader does not parse style sheets.");
}
