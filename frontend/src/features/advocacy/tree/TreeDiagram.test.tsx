import { render, screen, within } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import type { ApiTreeNode } from './api';
import { svgDocument } from './exportDiagram';
import { TreeDiagram } from './TreeDiagram';

const nodes: ApiTreeNode[] = [
  { key: 'f', parent_key: null, kind: 'problem', label: 'កុមារពិការមិនបានទៅសាលារៀន', position: 0, depth: 0, dots: 0, is_top: false },
  { key: 'c1', parent_key: 'f', kind: 'cause', label: 'No ramps', position: 1, depth: 1, dots: 5, is_top: true },
  { key: 'c2', parent_key: 'c1', kind: 'cause', label: 'No budget', position: 1, depth: 2, dots: 1, is_top: false },
  { key: 'e1', parent_key: 'f', kind: 'effect', label: 'Lower earnings', position: 1, depth: 1, dots: 0, is_top: false },
];

describe('TreeDiagram (read only, from the REST nodes)', () => {
  test('draws effects above, the focal problem, causes below, with top causes and dots', () => {
    render(<TreeDiagram nodes={nodes} treeKind="problem" title="Out of school" fit />);
    const picture = screen.getByRole('img', { name: /Out of school/ });
    expect(picture).toHaveAccessibleName(
      'Out of school Focal problem: កុមារពិការមិនបានទៅសាលារៀន. Causes: 2. Effects: 1. The outline view lists every item. Top priorities from the dot vote: No ramps.',
    );
    const y = (key: string) => Number(/translate\([\d.]+ ([\d.]+)\)/.exec(picture.querySelector(`[data-key="${key}"]`)!.getAttribute('transform')!)![1]);
    expect(y('e1')).toBeLessThan(y('f'));
    expect(y('f')).toBeLessThan(y('c1'));
    expect(y('c1')).toBeLessThan(y('c2'));
    expect(within(picture).getByText('Top')).toBeInTheDocument();
    expect(within(picture).getByText('● 5 dots')).toBeInTheDocument();
    expect(within(picture).getByText('● 1 dot')).toBeInTheDocument();
    // Read only: nothing can be dragged.
    expect(picture.querySelector('.is-draggable')).toBeNull();
  });

  test('an objectives tree uses its own names', () => {
    render(<TreeDiagram nodes={nodes} treeKind="objectives" title="In school" />);
    expect(screen.getByRole('img', { name: /Focal objective: .*Means: 2\. Ends: 1\./ })).toBeInTheDocument();
  });

  test('the exported SVG embeds the bundled Khmer font when the tree has Khmer text', async () => {
    const fetchSpy = vi.fn(async () => new Response(new Uint8Array([119, 79, 70, 50]), { status: 200 }));
    vi.stubGlobal('fetch', fetchSpy);
    render(<TreeDiagram nodes={nodes} treeKind="problem" title="កុមារ" />);
    const svg = screen.getByRole('img') as unknown as SVGSVGElement;
    const { markup, width, height } = await svgDocument(svg, 'កុមារ');
    expect(fetchSpy).toHaveBeenCalled();
    expect(markup).toContain("@font-face{font-family:'Noto Sans Khmer'");
    expect(markup).toContain('data:font/woff2;base64,d09GMg==');
    expect(markup).toContain('<title>កុមារ</title>');
    expect(markup).toContain('កុមារពិការ');
    expect(markup).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });
});
