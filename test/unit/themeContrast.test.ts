// The lock icons' colours against the side bar of the default dark, light and high-contrast themes
// and Solarized: WCAG asks 3:1 of icons. The backgrounds are the themes' `sideBar.background`
// (Dark Modern #181818, Light Modern #F8F8F8, Dark and Light High Contrast #000000 / #FFFFFF,
// Solarized Dark #00212B, Solarized Light #EEE8D5); a theme takes the default of its kind.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_LOCKED_PRESENTATION, STATE_PRESENTATION } from '../../src/tree/lockPresentation';

type Kind = 'dark' | 'light' | 'highContrast' | 'highContrastLight';
const THEMES: readonly { readonly name: string; readonly kind: Kind; readonly sideBar: string }[] = [
  { name: 'Dark Modern', kind: 'dark', sideBar: '#181818' },
  { name: 'Light Modern', kind: 'light', sideBar: '#F8F8F8' },
  { name: 'Dark High Contrast', kind: 'highContrast', sideBar: '#000000' },
  { name: 'Light High Contrast', kind: 'highContrastLight', sideBar: '#FFFFFF' },
  { name: 'Solarized Dark', kind: 'dark', sideBar: '#00212B' },
  { name: 'Solarized Light', kind: 'light', sideBar: '#EEE8D5' },
];

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { colors: { id: string; defaults: Record<Kind, string> }[] };
};

suite('lock icon colours', () => {
  test('every lock icon uses a colour of ours (not a translucent charts.* colour), each contributed', () => {
    const ids = new Set(manifest.contributes.colors.map((c) => c.id));
    const used = [...Object.values(STATE_PRESENTATION), MANIFEST_LOCKED_PRESENTATION].flatMap((p) => (p.color && p.color !== 'errorForeground' ? [p.color] : []));
    assert.equal(used.length, 5);
    for (const id of used) {
      assert.ok(ids.has(id), `${id} is contributed`);
    }
  });

  test('each has at least 3:1 contrast against the side bar in the default and Solarized themes', () => {
    const figures: string[] = [];
    for (const color of manifest.contributes.colors) {
      for (const theme of THEMES) {
        const value = color.defaults[theme.kind];
        assert.match(value, /^#[0-9A-Fa-f]{6}$/, `${color.id} (${theme.kind}) is opaque`);
        const ratio = contrast(value, theme.sideBar);
        figures.push(`${color.id} ${theme.name} ${ratio.toFixed(2)}`);
        assert.ok(ratio >= 3, `${color.id} in ${theme.name}: ${ratio.toFixed(2)}:1`);
      }
    }
    assert.equal(figures.length, 30);
  });
});
