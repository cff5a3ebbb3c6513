import { describe, expect, test } from 'vitest';
import en from './en.json';
import km from './km.json';
import agendaEn from './agenda.en.json';
import agendaKm from './agenda.km.json';
import treeEn from './tree.en.json';
import treeKm from './tree.km.json';
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

test('no top-level key is defined in two catalogue files', () => {
  const files = [en, agendaEn, treeEn, km, agendaKm, treeKm].map((file) => Object.keys(file));
  for (const [first, second] of [[0, 1], [0, 2], [1, 2], [3, 4], [3, 5], [4, 5]]) {
    expect(files[first].filter((key) => files[second].includes(key))).toEqual([]);
  }
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
