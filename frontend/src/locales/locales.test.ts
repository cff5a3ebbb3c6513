import { describe, expect, test } from 'vitest';
import { catalogues as merged } from './catalogues';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { en: flatten(merged.en as Tree), km: flatten(merged.km as Tree) };

// Every catalogue file of both languages, so a new feature's file is checked without being listed here.
const files = import.meta.glob<Tree>('./*.json', { eager: true, import: 'default' });

test.each(['en', 'km'])('no top-level key is defined in two %s catalogue files', (language) => {
  const owners = new Map<string, string>();
  const clashes: string[] = [];
  for (const [path, file] of Object.entries(files)) {
    if (path !== `./${language}.json` && !path.endsWith(`.${language}.json`)) continue;
    for (const key of Object.keys(file)) {
      if (owners.has(key)) clashes.push(`${key}: ${owners.get(key)} and ${path}`);
      else owners.set(key, path);
    }
  }
  expect(owners.size).toBeGreaterThan(0);
  expect(clashes).toEqual([]);
});

describe('locale catalogues', () => {
  test('English and Khmer have exactly the same keys', () => {
    const enKeys = [...catalogues.en.keys()].sort();
    const kmKeys = [...catalogues.km.keys()].sort();
    expect(kmKeys.filter((key) => !catalogues.en.has(key))).toEqual([]);
    expect(enKeys.filter((key) => !catalogues.km.has(key))).toEqual([]);
  });

  test.each(Object.entries(catalogues))('%s has no empty values', (_language, catalogue) => {
    const empty = [...catalogue].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  test('both catalogues use the same interpolation variables in each message', () => {
    const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const mismatched = [...catalogues.en].filter(
      ([key, text]) => JSON.stringify(variables(text)) !== JSON.stringify(variables(catalogues.km.get(key) ?? '')),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  test('the Khmer catalogue is actually Khmer', () => {
    // Guards against English text pasted into km.json: most messages contain Khmer script.
    const khmer = [...catalogues.km.values()].filter((text) => /[\u1780-\u17FF]/.test(text));
    expect(khmer.length / catalogues.km.size).toBeGreaterThan(0.95);
  });
});
