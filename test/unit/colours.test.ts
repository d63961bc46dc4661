import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATEGORIES } from '../../src/core/codebook';

// The category highlights as the editor draws them: package.json's defaults composited over each
// default theme's editor, with the theme's text colour on top (WCAG 2.1 contrast) and the theme's
// selection beside them (a highlight must not pass for a selection).

type Kind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

interface ThemeColours { name: string; background: string; foreground: string; selection: string }

/**
 * The editor colours of VS Code 1.100's default themes, from code-server 4.100.3's bundled
 * extensions/theme-defaults/themes/*.json (dark_modern.json, light_modern.json, hc_black.json,
 * hc_light.json) and, where a theme leaves a colour out, the workbench's registered default
 * (out/vs/code/browser/workbench/workbench.js: editor.selectionBackground light #ADD6FF, dark
 * #264F78, hcLight #0F4A85; editor.background hcLight white; editor.foreground hcLight is
 * `foreground`, #292929).
 */
const THEMES: Record<Kind, ThemeColours> = {
  light: { name: 'Light Modern', background: '#FFFFFF', foreground: '#3B3B3B', selection: '#ADD6FF' },
  dark: { name: 'Dark Modern', background: '#1F1F1F', foreground: '#CCCCCC', selection: '#264F78' },
  highContrast: { name: 'Dark High Contrast', background: '#000000', foreground: '#FFFFFF', selection: '#FFFFFF' },
  highContrastLight: { name: 'Light High Contrast', background: '#FFFFFF', foreground: '#292929', selection: '#0F4A85' },
};
const KINDS = Object.keys(THEMES) as Kind[];

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { colors: { id: string; defaults: Record<Kind, string> }[] };
};
function contributed(id: string, kind: Kind): string {
  const colour = manifest.contributes.colors.find((c) => c.id === id);
  assert.ok(colour, `package.json contributes ${id}`);
  return colour.defaults[kind];
}

type RGB = [number, number, number];

function parse(hex: string): { rgb: RGB; alpha: number } {
  const m = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(hex);
  assert.ok(m, `${hex} is a #rgb, #rgba, #rrggbb or #rrggbbaa colour`);
  const digits = m[1]!.length <= 4 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  const byte = (i: number) => parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return { rgb: [byte(0), byte(1), byte(2)], alpha: digits.length === 8 ? byte(3) / 255 : 1 };
}

/** TOP painted over the opaque BOTTOM (source-over), as the editor paints a translucent highlight. */
function over(top: string, bottom: string): RGB {
  const t = parse(top);
  const b = parse(bottom).rgb;
  return t.rgb.map((c, i) => c * t.alpha + b[i]! * (1 - t.alpha)) as RGB;
}

const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);

/** WCAG 2.1 relative luminance. */
const luminance = ([r, g, b]: RGB) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);

/** WCAG 2.1 contrast ratio, 1 to 21. */
function contrast(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** CIELAB (D65) of an sRGB colour. */
function lab(rgb: RGB): [number, number, number] {
  const [r, g, b] = rgb.map(linear) as RGB;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIE76 colour difference: about 2.3 is just noticeable; 20 and more reads as another colour. */
function deltaE(a: RGB, b: RGB): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

const hex = (rgb: RGB) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

describe('category colours in the default themes', () => {
  for (const kind of KINDS) {
    const theme = THEMES[kind];
    it(`text over each highlight has a contrast of at least 4.5:1 in ${theme.name}`, () => {
      const text = parse(theme.foreground).rgb;
      for (const category of CATEGORIES) {
        const highlight = over(contributed(category.colorId, kind), theme.background);
        const ratio = contrast(text, highlight);
        assert.ok(ratio >= 4.5, `${category.label} in ${theme.name}: ${theme.foreground} on ${hex(highlight)} is ${ratio.toFixed(2)}:1`);
      }
    });
  }

  for (const kind of ['dark', 'light'] as const) {
    const theme = THEMES[kind];
    it(`no highlight looks like the selection in ${theme.name}`, () => {
      const selection = over(theme.selection, theme.background);
      for (const category of CATEGORIES) {
        const highlight = over(contributed(category.colorId, kind), theme.background);
        const distance = deltaE(highlight, selection);
        assert.ok(distance >= 20, `${category.label} ${hex(highlight)} is ΔE ${distance.toFixed(1)} from the selection ${hex(selection)} in ${theme.name}`);
      }
    });
  }

  for (const kind of KINDS) {
    const theme = THEMES[kind];
    it(`the four highlights differ from one another in ${theme.name}`, () => {
      const drawn = CATEGORIES.map((c) => ({ label: c.label, rgb: over(contributed(c.colorId, kind), theme.background) }));
      for (const [i, a] of drawn.entries()) {
        for (const b of drawn.slice(i + 1)) {
          const distance = deltaE(a.rgb, b.rgb);
          assert.ok(distance >= 15, `${a.label} ${hex(a.rgb)} and ${b.label} ${hex(b.rgb)} are ΔE ${distance.toFixed(1)} apart in ${theme.name}`);
        }
      }
    });
  }

  for (const kind of ['highContrast', 'highContrastLight'] as const) {
    const theme = THEMES[kind];
    it(`every highlight has an opaque outline of at least 3:1 against the editor in ${theme.name}`, () => {
      const background = parse(theme.background).rgb;
      for (const category of CATEGORIES) {
        const outline = contributed(category.borderColorId, kind);
        assert.equal(parse(outline).alpha, 1, `${category.borderColorId} in ${theme.name} is opaque`);
        // WCAG 2.1 SC 1.4.11: the outline is what sets a highlight apart in these themes.
        const ratio = contrast(parse(outline).rgb, background);
        assert.ok(ratio >= 3, `${category.label}'s outline ${outline} is ${ratio.toFixed(2)}:1 against ${theme.background} in ${theme.name}`);
      }
    });
  }

  it('draws no outline in the light and dark themes, where the fill is enough', () => {
    for (const category of CATEGORIES) {
      for (const kind of ['light', 'dark'] as const) assert.equal(parse(contributed(category.borderColorId, kind)).alpha, 0, `${category.borderColorId} ${kind}`);
    }
  });
});
