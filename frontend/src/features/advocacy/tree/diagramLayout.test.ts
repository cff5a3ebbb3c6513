import { describe, expect, test } from 'vitest';
import { approximateMeasure, DIAGRAM, layoutDiagram, wrapText, type DiagramInput } from './diagramLayout';

const node = (key: string, kind: DiagramInput['kind'], parentKey: string | null, position = 0): DiagramInput => ({
  key,
  kind,
  parentKey,
  label: key,
  position,
});

describe('layoutDiagram', () => {
  const layout = layoutDiagram([
    node('F', 'problem', null),
    node('a', 'cause', 'F', 1),
    node('b', 'cause', 'F', 2),
    node('a1', 'cause', 'a', 1),
    node('a2', 'cause', 'a', 2),
    node('e', 'effect', 'F', 1),
    node('e1', 'effect', 'e', 1),
  ]);
  const at = (key: string) => layout.nodes.find((n) => n.key === key)!;

  test('effects are above the focal problem, causes below, each level further out', () => {
    expect(at('e1').y + at('e1').height).toBeLessThan(at('e').y);
    expect(at('e').y + at('e').height).toBeLessThan(at('F').y);
    expect(at('F').y + at('F').height).toBeLessThan(at('a').y);
    expect(at('a').y + at('a').height).toBeLessThan(at('a1').y);
    expect(Math.min(...layout.nodes.map((n) => n.y))).toBe(DIAGRAM.margin);
  });

  test('a parent is centred over its children, siblings in order without overlapping', () => {
    const centre = (key: string) => at(key).x + at(key).width / 2;
    expect(centre('a')).toBeCloseTo((centre('a1') + centre('a2')) / 2);
    expect(at('a1').x + at('a1').width).toBeLessThanOrEqual(at('a2').x);
    expect(at('a').x + at('a').width).toBeLessThanOrEqual(at('b').x);
  });

  test('edges point from each cause up to what it causes, and from the problem up to its effects', () => {
    const edges = layout.edges.map((edge) => `${edge.from}->${edge.to}`).sort();
    expect(edges).toEqual(['F->e', 'a->F', 'a1->a', 'a2->a', 'b->F', 'e->e1'].sort());
  });

  test('nodes that cannot be placed hang on the focal problem; loops do not hang the layout', () => {
    const odd = layoutDiagram([node('F', 'problem', null), node('x', 'cause', 'y'), node('y', 'cause', 'x'), node('z', 'effect', 'missing')]);
    expect(odd.nodes.map((n) => n.key).sort()).toEqual(['F', 'x', 'y', 'z']);
  });
});

describe('wrapText', () => {
  test('wraps at word boundaries and caps the number of lines', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 60, approximateMeasure, false, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith('…')).toBe(true);
    lines.forEach((line) => expect(approximateMeasure(line, false)).toBeLessThanOrEqual(60));
  });

  test('wraps Khmer, written without spaces between words', () => {
    const lines = wrapText('កុមារពិការជាច្រើនមិនបានទៅសាលារៀនដោយសារគ្មានផ្លូវឡើងចុះ', 80, approximateMeasure);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('កុមារពិការជាច្រើនមិនបានទៅសាលារៀនដោយសារគ្មានផ្លូវឡើងចុះ');
  });
});
