import { useId, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTreeNode, NodeKind, TreeKind } from './api';
import { approximateMeasure, browserMeasure, DIAGRAM, layoutDiagram, type DiagramInput, type DiagramNode } from './diagramLayout';
import { diagramFontFamily } from './exportDiagram';
import { kindLabel, sideLabel } from './labels';
import './tree.css';

/** The nodes the diagram draws: the REST detail's shape (the live page maps its nodes to it). */
export type DiagramSourceNode = Pick<ApiTreeNode, 'key' | 'parent_key' | 'kind' | 'label'> &
  Partial<Pick<ApiTreeNode, 'position' | 'dots' | 'is_top'>>;

export interface TreeDiagramProps {
  nodes: readonly DiagramSourceNode[];
  treeKind: TreeKind;
  /** The tree's title: the picture's accessible name and the exported file's title. */
  title: string;
  /** Scale the drawing to the available width (the group page); otherwise full size in a scroll box. */
  fit?: boolean;
  /** Editing: dragging a node onto another moves it there (only where this says it may). */
  onReparent?: (key: string, parentKey: string) => void;
  canReparent?: (key: string, parentKey: string) => boolean;
  /** Someone else is editing these nodes: outlined in their colour. */
  editingColors?: ReadonlyMap<string, string>;
  /** Receives the <svg> element (for the export). */
  svgRef?: (element: SVGSVGElement | null) => void;
}

interface Palette {
  fill: string;
  stroke: string;
  text: string;
}

const PALETTES: Record<TreeKind, Record<NodeKind, Palette>> = {
  problem: {
    problem: { fill: '#1f4e79', stroke: '#163a5b', text: '#ffffff' },
    cause: { fill: '#fdecea', stroke: '#b3261e', text: '#1a1f29' },
    effect: { fill: '#fff6e0', stroke: '#8a5a00', text: '#1a1f29' },
  },
  objectives: {
    problem: { fill: '#1e6b3a', stroke: '#17552e', text: '#ffffff' },
    cause: { fill: '#e8f5ec', stroke: '#1e6b3a', text: '#1a1f29' },
    effect: { fill: '#eaf2fa', stroke: '#1f4e79', text: '#1a1f29' },
  },
};
const TOP_STROKE = '#1e6b3a';
const EDGE = '#4d5666';

interface Drag {
  key: string;
  startX: number;
  startY: number;
  x: number;
  y: number;
  moved: boolean;
  target: string | null;
}

/**
 * The cause-and-effect diagram: effects above, the focal problem in the middle, causes below,
 * arrows pointing from causes to what they cause. Read-only unless `onReparent` is given, then a
 * node can be dragged onto another (the outline offers the same moves by keyboard).
 */
export function TreeDiagram({ nodes, treeKind, title, fit = false, onReparent, canReparent, editingColors, svgRef }: TreeDiagramProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const svg = useRef<SVGSVGElement | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const fontFamily = useMemo(() => diagramFontFamily(), []);

  const layout = useMemo(() => {
    const input: DiagramInput[] = nodes.map((node) => ({
      key: node.key,
      parentKey: node.parent_key,
      kind: node.kind,
      label: node.label,
      position: node.position,
      dots: node.dots,
      isTop: node.is_top,
    }));
    return layoutDiagram(input, browserMeasure(fontFamily));
  }, [nodes, fontFamily]);

  const byKey = useMemo(() => new Map(layout.nodes.map((node) => [node.key, node])), [layout]);
  const causes = layout.nodes.filter((node) => node.kind === 'cause').length;
  const effects = layout.nodes.filter((node) => node.kind === 'effect').length;
  const focal = layout.nodes.find((node) => node.kind === 'problem');
  const tops = layout.nodes.filter((node) => node.isTop).map((node) => node.label);

  if (!focal) return <p className="muted">{t('tree.diagram.empty')}</p>;

  function toSvgPoint(event: ReactPointerEvent): { x: number; y: number } {
    const element = svg.current;
    const matrix = element?.getScreenCTM?.();
    if (element && matrix) {
      const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
      return { x: point.x, y: point.y };
    }
    const box = element?.getBoundingClientRect();
    const scale = box && box.width ? layout.width / box.width : 1;
    return { x: (event.clientX - (box?.left ?? 0)) * scale, y: (event.clientY - (box?.top ?? 0)) * scale };
  }

  function hit(point: { x: number; y: number }, except: string): string | null {
    for (const node of layout.nodes) {
      if (node.key === except) continue;
      if (point.x >= node.x && point.x <= node.x + node.width && point.y >= node.y && point.y <= node.y + node.height) return node.key;
    }
    return null;
  }

  const draggable = Boolean(onReparent);

  function onPointerDown(event: ReactPointerEvent<SVGGElement>, node: DiagramNode) {
    if (!draggable || node.kind === 'problem' || event.button !== 0) return;
    const point = toSvgPoint(event);
    svg.current?.setPointerCapture?.(event.pointerId);
    setDrag({ key: node.key, startX: point.x, startY: point.y, x: point.x, y: point.y, moved: false, target: null });
  }

  function onPointerMove(event: ReactPointerEvent<SVGSVGElement>) {
    if (!drag) return;
    const point = toSvgPoint(event);
    const moved = drag.moved || Math.hypot(point.x - drag.startX, point.y - drag.startY) > 4;
    const over = moved ? hit(point, drag.key) : null;
    const target = over && (canReparent?.(drag.key, over) ?? true) ? over : null;
    setDrag({ ...drag, x: point.x, y: point.y, moved, target });
  }

  function onPointerUp(event: ReactPointerEvent<SVGSVGElement>) {
    if (!drag) return;
    svg.current?.releasePointerCapture?.(event.pointerId);
    const { key, target, moved } = drag;
    setDrag(null);
    if (moved && target && byKey.get(key)?.parentKey !== target) onReparent?.(key, target);
  }

  const setSvg = (element: SVGSVGElement | null) => {
    svg.current = element;
    svgRef?.(element);
  };

  const dragged = drag?.moved ? byKey.get(drag.key) : undefined;
  const description = [
    t('tree.diagram.summary', {
      focal: kindLabel(t, treeKind, 'problem'),
      label: focal.label || t('tree.untitled'),
      causes,
      effects,
      causeSide: sideLabel(t, treeKind, 'cause'),
      effectSide: sideLabel(t, treeKind, 'effect'),
    }),
    tops.length ? t('tree.diagram.topSummary', { labels: tops.join('; ') }) : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={`tree-diagram${fit ? ' is-fit' : ''}${drag?.moved ? ' is-dragging' : ''}`}>
      <svg
        ref={setSvg}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={fit ? '100%' : layout.width}
        height={fit ? undefined : layout.height}
        fontFamily={fontFamily}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        <defs>
          <marker id={`${titleId}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0L10 5L0 10z" fill={EDGE} />
          </marker>
        </defs>
        <g>
          {layout.edges.map((edge) => (
            <path key={`${edge.from}-${edge.to}`} d={edge.path} fill="none" stroke={EDGE} strokeWidth={1.5} markerEnd={`url(#${titleId}-arrow)`} />
          ))}
        </g>
        {layout.nodes.map((node) => (
          <DiagramBox
            key={node.key}
            node={node}
            treeKind={treeKind}
            draggable={draggable && node.kind !== 'problem'}
            dimmed={drag?.moved === true && drag.key === node.key}
            dropTarget={drag?.target === node.key}
            editingColor={editingColors?.get(node.key)}
            topLabel={t('tree.diagram.top')}
            dotsLabel={(count) => t('tree.diagram.dots', { count })}
            onPointerDown={(event) => onPointerDown(event, node)}
          />
        ))}
        {dragged && drag && (
          <g data-export="skip" opacity={0.75} pointerEvents="none" transform={`translate(${drag.x - dragged.width / 2} ${drag.y - 12})`}>
            <rect width={dragged.width} height={dragged.height} rx={6} fill="#ffffff" stroke="#f2a900" strokeWidth={2} strokeDasharray="4 3" />
            <NodeText node={{ ...dragged, x: 0, y: 0 }} color="#1a1f29" />
          </g>
        )}
      </svg>
    </div>
  );
}

function NodeText({ node, color }: { node: DiagramNode; color: string }) {
  const focal = node.kind === 'problem';
  const size = focal ? DIAGRAM.focalFontSize : DIAGRAM.fontSize;
  const lines = node.lines.length ? node.lines : ['…'];
  return (
    <text
      x={node.width / 2}
      y={DIAGRAM.paddingY + DIAGRAM.lineHeight * 0.72}
      textAnchor="middle"
      fontSize={size}
      fontWeight={focal ? 700 : 400}
      fill={color}
    >
      {lines.map((line, index) => (
        <tspan key={index} x={node.width / 2} dy={index === 0 ? 0 : DIAGRAM.lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

interface DiagramBoxProps {
  node: DiagramNode;
  treeKind: TreeKind;
  draggable: boolean;
  dimmed: boolean;
  dropTarget: boolean;
  editingColor: string | undefined;
  topLabel: string;
  dotsLabel: (count: number) => string;
  onPointerDown: (event: ReactPointerEvent<SVGGElement>) => void;
}

function DiagramBox({ node, treeKind, draggable, dimmed, dropTarget, editingColor, topLabel, dotsLabel, onPointerDown }: DiagramBoxProps) {
  const palette = PALETTES[treeKind][node.kind];
  const dots = node.dots ?? 0;
  const badgeY = node.height - DIAGRAM.paddingY - DIAGRAM.badgeHeight;
  const topWidth = Math.ceil(approximateMeasure(topLabel, false) * 0.9) + 16;
  return (
    <g
      transform={`translate(${node.x} ${node.y})`}
      className={draggable ? 'diagram-node is-draggable' : 'diagram-node'}
      data-key={node.key}
      opacity={dimmed ? 0.45 : 1}
      onPointerDown={onPointerDown}
    >
      {editingColor && (
        <rect x={-4} y={-4} width={node.width + 8} height={node.height + 8} rx={9} fill="none" stroke={editingColor} strokeWidth={2} strokeDasharray="5 3" data-export="skip" />
      )}
      {dropTarget && (
        <rect x={-5} y={-5} width={node.width + 10} height={node.height + 10} rx={10} fill="none" stroke="#f2a900" strokeWidth={3} data-export="skip" />
      )}
      <rect
        width={node.width}
        height={node.height}
        rx={6}
        fill={palette.fill}
        stroke={node.isTop ? TOP_STROKE : palette.stroke}
        strokeWidth={node.isTop ? 3 : 1.5}
      />
      <NodeText node={node} color={palette.text} />
      {node.kind !== 'problem' && (dots > 0 || node.isTop) && (
        <g transform={`translate(${DIAGRAM.paddingX} ${badgeY})`}>
          {node.isTop && (
            <g>
              <rect width={topWidth} height={DIAGRAM.badgeHeight} rx={10} fill={TOP_STROKE} />
              <text x={topWidth / 2} y={14} textAnchor="middle" fontSize={11} fontWeight={700} fill="#ffffff">
                {topLabel}
              </text>
            </g>
          )}
          {dots > 0 && (
            <text x={node.isTop ? topWidth + 8 : 0} y={14} fontSize={12} fontWeight={700} fill="#1a1f29">
              {`● ${dotsLabel(dots)}`}
            </text>
          )}
        </g>
      )}
    </g>
  );
}
