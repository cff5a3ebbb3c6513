/**
 * Lays out a cause-and-effect tree: the focal problem in the middle, causes growing downwards
 * (roots at the bottom), effects growing upwards (consequences at the top). Each subtree gets the
 * width of its children side by side and its node is centred over them. Pure: the text measure
 * is passed in, so tests and the export get the same picture.
 */
import type { NodeKind } from './api';

export interface DiagramInput {
  key: string;
  parentKey: string | null;
  kind: NodeKind;
  label: string;
  position?: number;
  dots?: number;
  isTop?: boolean;
}

export interface DiagramNode extends DiagramInput {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  depth: number;
}

export interface DiagramEdge {
  /** The lower node's key (the arrow points up, from cause to what it causes). */
  from: string;
  to: string;
  path: string;
}

export interface DiagramLayout {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  width: number;
  height: number;
}

/** Width of `text` in px at the diagram's font size (bold for the focal problem). */
export type Measure = (text: string, bold: boolean) => number;

export const DIAGRAM = {
  nodeWidth: 176,
  focalWidth: 248,
  paddingX: 10,
  paddingY: 8,
  lineHeight: 19,
  fontSize: 13,
  focalFontSize: 15,
  badgeHeight: 20,
  gapX: 16,
  gapY: 44,
  margin: 16,
  maxLines: 6,
};

const KHMER_MARK = /[\u17B4-\u17D3\u17DD\u200B-\u200D]/;
const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/;
const WIDE_LATIN = /[A-Z@%&MW]/;

/** A measure without a canvas (tests, and before fonts are known): close enough to wrap lines. */
export const approximateMeasure: Measure = (text, bold) => {
  const size = bold ? DIAGRAM.focalFontSize : DIAGRAM.fontSize;
  let width = 0;
  for (const char of text) {
    if (KHMER_MARK.test(char)) continue;
    // The coeng (U+17D2) stacks the next consonant below: it adds no width either.
    if (char === '\u17D2') continue;
    if (KHMER.test(char)) width += 0.82 * size;
    else if (char === ' ') width += 0.28 * size;
    else if (WIDE_LATIN.test(char)) width += 0.72 * size;
    else width += 0.56 * size;
  }
  return width * (bold ? 1.06 : 1);
};

let canvasContext: CanvasRenderingContext2D | null | undefined;

/** The browser's own text metrics with the app's fonts; the approximation where there is no canvas. */
export function browserMeasure(fontFamily: string): Measure {
  if (canvasContext === undefined) {
    const isJsdom = typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent);
    canvasContext = isJsdom || typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  const context = canvasContext;
  if (!context) return approximateMeasure;
  return (text, bold) => {
    context.font = `${bold ? 700 : 400} ${bold ? DIAGRAM.focalFontSize : DIAGRAM.fontSize}px ${fontFamily}`;
    return context.measureText(text).width;
  };
}

function segmentsOf(text: string, granularity: 'word' | 'grapheme'): string[] {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    // Khmer has no spaces between words: the word segmenter finds the break opportunities.
    return Array.from(new Intl.Segmenter(undefined, { granularity }).segment(text), (part) => part.segment);
  }
  return granularity === 'word' ? text.split(/(\s+)/).filter(Boolean) : Array.from(text);
}

/** Wraps `text` into lines no wider than `maxWidth`, at most `maxLines` (the last one ends in "…"). */
export function wrapText(text: string, maxWidth: number, measure: Measure, bold = false, maxLines = DIAGRAM.maxLines): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const segment of segmentsOf(clean, 'word')) {
    if (measure(line + segment, bold) <= maxWidth) {
      line += segment;
      continue;
    }
    push();
    if (segment.trim() === '') continue;
    if (measure(segment, bold) <= maxWidth) {
      line = segment;
      continue;
    }
    // One word longer than the box: break it between characters.
    for (const grapheme of segmentsOf(segment, 'grapheme')) {
      if (measure(line + grapheme, bold) > maxWidth) push();
      line += grapheme;
    }
  }
  push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && measure(`${last}…`, bold) > maxWidth) last = Array.from(last).slice(0, -1).join('');
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

interface Box extends DiagramNode {
  children: Box[];
  subtreeWidth: number;
  side: 'focal' | 'cause' | 'effect';
  placedUnder: string | null;
}

function bySiblingOrder(a: DiagramInput, b: DiagramInput): number {
  const byPosition = (a.position ?? 0) - (b.position ?? 0);
  if (byPosition) return byPosition;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function layoutDiagram(input: readonly DiagramInput[], measure: Measure = approximateMeasure): DiagramLayout {
  const focalInput = input.find((node) => node.kind === 'problem' && node.parentKey === null) ?? input.find((node) => node.kind === 'problem');
  if (!focalInput) return { nodes: [], edges: [], width: 0, height: 0 };

  const boxes = new Map<string, Box>();
  for (const node of input) {
    const focal = node.key === focalInput.key;
    const width = focal ? DIAGRAM.focalWidth : DIAGRAM.nodeWidth;
    const lines = wrapText(node.label, width - 2 * DIAGRAM.paddingX, measure, focal);
    const badges = !focal && ((node.dots ?? 0) > 0 || node.isTop);
    const height =
      2 * DIAGRAM.paddingY + Math.max(1, lines.length) * DIAGRAM.lineHeight + (badges ? DIAGRAM.badgeHeight + 4 : 0);
    boxes.set(node.key, {
      ...node,
      x: 0,
      y: 0,
      width,
      height,
      lines,
      depth: 0,
      children: [],
      subtreeWidth: width,
      side: focal ? 'focal' : node.kind === 'effect' ? 'effect' : 'cause',
      placedUnder: null,
    });
  }
  const focal = boxes.get(focalInput.key)!;
  const sorted = [...input].sort(bySiblingOrder);
  const under = new Map<string, Box>();
  for (const node of sorted) {
    if (node.key === focal.key) continue;
    const box = boxes.get(node.key)!;
    const parent = node.parentKey ? boxes.get(node.parentKey) : undefined;
    // Whatever cannot be placed (no parent in the list, a parent of the other side) hangs on the focal problem.
    const fits = parent && parent !== box && (parent === focal || parent.side === box.side);
    under.set(box.key, fits ? parent : focal);
  }
  // A loop of parents (never in materialised rows, but the input is not ours to trust) is cut at
  // the node where the walk comes back, which then hangs on the focal problem.
  for (const start of under.keys()) {
    const seen = new Set<string>();
    let key = start;
    while (key !== focal.key && !seen.has(key)) {
      seen.add(key);
      key = under.get(key)!.key;
    }
    if (key !== focal.key) under.set(key, focal);
  }
  for (const node of sorted) {
    const parent = under.get(node.key);
    if (parent) parent.children.push(boxes.get(node.key)!);
  }

  // Depths and subtree widths; a visited set guards against cycles in the input.
  const visited = new Set<string>([focal.key]);
  const measureSubtree = (box: Box, depth: number): number => {
    box.depth = depth;
    box.children = box.children.filter((child) => !visited.has(child.key));
    box.children.forEach((child) => {
      visited.add(child.key);
      child.placedUnder = box.key;
    });
    const childWidths = box.children.map((child) => measureSubtree(child, depth + 1));
    const total = childWidths.reduce((sum, width) => sum + width, 0) + DIAGRAM.gapX * Math.max(0, childWidths.length - 1);
    box.subtreeWidth = Math.max(box.width, total);
    return box.subtreeWidth;
  };
  const effects = focal.children.filter((child) => child.side === 'effect');
  const causes = focal.children.filter((child) => child.side === 'cause');
  for (const child of focal.children) {
    visited.add(child.key);
    child.placedUnder = focal.key;
  }
  const forestWidth = (roots: Box[]) =>
    roots.map((root) => measureSubtree(root, 1)).reduce((sum, width) => sum + width, 0) + DIAGRAM.gapX * Math.max(0, roots.length - 1);
  const effectsWidth = forestWidth(effects);
  const causesWidth = forestWidth(causes);
  focal.depth = 0;

  const width = Math.max(effectsWidth, causesWidth, focal.width) + 2 * DIAGRAM.margin;
  const centre = width / 2;

  // Row heights per depth, per side.
  const rowHeights = (roots: Box[]) => {
    const heights: number[] = [];
    const walk = (box: Box) => {
      heights[box.depth] = Math.max(heights[box.depth] ?? 0, box.height);
      box.children.forEach(walk);
    };
    roots.forEach(walk);
    return heights;
  };
  const effectRows = rowHeights(effects);
  const causeRows = rowHeights(causes);

  // Vertical positions relative to the focal problem's top at 0.
  const causeTop = (depth: number) => {
    let y = focal.height + DIAGRAM.gapY;
    for (let d = 1; d < depth; d += 1) y += (causeRows[d] ?? 0) + DIAGRAM.gapY;
    return y;
  };
  const effectBottom = (depth: number) => {
    let y = -DIAGRAM.gapY;
    for (let d = 1; d < depth; d += 1) y -= (effectRows[d] ?? 0) + DIAGRAM.gapY;
    return y;
  };

  const place = (box: Box, left: number) => {
    box.x = left + (box.subtreeWidth - box.width) / 2;
    box.y = box.side === 'cause' ? causeTop(box.depth) : effectBottom(box.depth) - box.height;
    const childrenWidth =
      box.children.reduce((sum, child) => sum + child.subtreeWidth, 0) + DIAGRAM.gapX * Math.max(0, box.children.length - 1);
    let childLeft = left + (box.subtreeWidth - childrenWidth) / 2;
    for (const child of box.children) {
      place(child, childLeft);
      childLeft += child.subtreeWidth + DIAGRAM.gapX;
    }
  };
  const placeForest = (roots: Box[], total: number) => {
    let left = centre - total / 2;
    for (const root of roots) {
      place(root, left);
      left += root.subtreeWidth + DIAGRAM.gapX;
    }
  };
  focal.x = centre - focal.width / 2;
  focal.y = 0;
  placeForest(effects, effectsWidth);
  placeForest(causes, causesWidth);

  const placed = [focal, ...[...visited].filter((key) => key !== focal.key).map((key) => boxes.get(key)!)];
  const top = Math.min(...placed.map((box) => box.y));
  const bottom = Math.max(...placed.map((box) => box.y + box.height));
  const shift = DIAGRAM.margin - top;
  for (const box of placed) box.y += shift;

  const edges: DiagramEdge[] = [];
  const connect = (parent: Box) => {
    for (const child of parent.children) {
      const cx = child.x + child.width / 2;
      const px = parent.x + parent.width / 2;
      if (child.side === 'cause') {
        // From the cause's top up to the bottom of what it causes.
        const mid = parent.y + parent.height + DIAGRAM.gapY / 2;
        edges.push({ from: child.key, to: parent.key, path: `M${cx} ${child.y}V${mid}H${px}V${parent.y + parent.height}` });
      } else {
        // From the problem's (or effect's) top up to the bottom of its consequence.
        const mid = parent.y - DIAGRAM.gapY / 2;
        edges.push({ from: parent.key, to: child.key, path: `M${px} ${parent.y}V${mid}H${cx}V${child.y + child.height}` });
      }
      connect(child);
    }
  };
  connect(focal);

  const nodes: DiagramNode[] = placed.map((box) => ({
    key: box.key,
    parentKey: box.placedUnder,
    kind: box.side === 'focal' ? 'problem' : box.side,
    label: box.label,
    position: box.position,
    dots: box.dots,
    isTop: box.isTop,
    x: box.x,
    y: box.y,
    width: box.width,
    height: box.height,
    lines: box.lines,
    depth: box.depth,
  }));
  return { nodes, edges, width, height: bottom - top + 2 * DIAGRAM.margin };
}
