import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Button, LoadingBlock, NotFoundState, PageHeader, QueryError } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import {
  LiveStatusBadge,
  PresenceBar,
  canReparent,
  useLiveDocument,
  useProblemTree,
  type LiveSession,
  type ProblemTreeApi,
} from '../../../lib/live';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { TreeCitations } from '../citations/Citations';
import { useCreateObjectives, useTreeDetail, type TreeDetail } from './api';
import { CauseVoteButton, OpenCauseVoteNotice } from './CauseVote';
import { downloadPng, downloadSvg } from './exportDiagram';
import { kindLabel } from './labels';
import { TreeDiagram, type DiagramSourceNode } from './TreeDiagram';
import { TreeOutline, type DeletedNode, type NodeVotes } from './TreeOutline';
import './tree.css';

/** /w/:slug/trees/:treeId — a problem (or objectives) tree, edited together. */
export default function TreePage() {
  const { treeId } = useParams();
  const id = Number(treeId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundState />;
  return <TreeView key={id} treeId={id} />;
}

function TreeView({ treeId }: { treeId: number }) {
  const slug = useWorkspaceSlug();
  const detail = useTreeDetail(slug, treeId);
  if (detail.isPending) return <LoadingBlock />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  return <LiveTree slug={slug} detail={detail.data} />;
}

type View = 'outline' | 'diagram';
const VIEWS: readonly View[] = ['outline', 'diagram'];

function LiveTree({ slug, detail }: { slug: string; detail: TreeDetail }) {
  const { t } = useTranslation();
  const session = useLiveDocument('tree', detail.id);
  const tree = useProblemTree(session);
  const readOnly = session.mode !== 'edit';
  const [searchParams, setSearchParams] = useSearchParams();
  const view: View = searchParams.get('view') === 'diagram' ? 'diagram' : 'outline';
  const [deleted, setDeleted] = useState<DeletedNode | null>(null);
  const others = useMemo(() => session.peers.filter((peer) => !peer.isSelf), [session.peers]);

  const votes = useMemo(() => {
    const map = new Map<string, NodeVotes>();
    for (const node of detail.nodes) if (node.dots > 0 || node.is_top) map.set(node.key, { dots: node.dots, isTop: node.is_top });
    return map;
  }, [detail.nodes]);

  function describeEditing(path: string): string | null {
    const key = path.startsWith('nodes/') ? path.slice('nodes/'.length) : null;
    const node = key ? tree.byKey.get(key) : undefined;
    if (!node) return null;
    const label = node.text.length > 40 ? `${node.text.slice(0, 40)}…` : node.text;
    return label ? `${kindLabel(t, detail.kind, node.kind)} “${label}”` : kindLabel(t, detail.kind, node.kind);
  }

  function selectView(next: View) {
    setSearchParams(
      (params) => {
        const copy = new URLSearchParams(params);
        if (next === 'outline') copy.delete('view');
        else copy.set('view', next);
        return copy;
      },
      { replace: true },
    );
  }

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length];
    selectView(next);
    document.getElementById(`tree-tab-${next}`)?.focus();
  }

  return (
    <>
      <p>
        <Link to={`/w/${slug}/groups/${detail.group.id}`}>{t('tree.backToGroup', { name: detail.group.name })}</Link>
      </p>
      <PageHeader
        title={detail.title}
        description={<TreeDescription slug={slug} detail={detail} />}
        actions={
          <>
            <Link className="btn btn-secondary" to={`/w/${slug}/trees/${detail.id}/history`}>
              {t('tree.history')}
            </Link>
            {detail.kind === 'problem' && detail.can_edit && <ObjectivesButton slug={slug} treeId={detail.id} />}
            <CauseVoteButton slug={slug} detail={detail} />
          </>
        }
      />
      <div className="tree-live-bar">
        <LiveStatusBadge status={session.status} />
        <PresenceBar peers={session.peers} describeEditing={describeEditing} />
      </div>
      <SessionAlerts session={session} canEdit={detail.can_edit} />
      <OpenCauseVoteNotice slug={slug} detail={detail} />

      {!session.ready ? (
        <LoadingBlock label={t('tree.loading')} />
      ) : (
        <>
          <div className="tree-toolbar">
            <div className="tree-tabs" role="tablist" aria-label={t('tree.views.label')}>
              {VIEWS.map((name) => (
                <button
                  key={name}
                  id={`tree-tab-${name}`}
                  type="button"
                  role="tab"
                  className="tree-tab"
                  aria-selected={view === name}
                  aria-controls={`tree-panel-${name}`}
                  tabIndex={view === name ? 0 : -1}
                  onClick={() => selectView(name)}
                  onKeyDown={onTabKey}
                >
                  {t(`tree.views.${name}`)}
                </button>
              ))}
            </div>
            {!readOnly && (
              <div className="tree-undo" role="group" aria-label={t('tree.undo.group')}>
                <Button onClick={() => tree.undo()} disabled={!tree.canUndo}>
                  {t('tree.undo.undo')}
                </Button>
                <Button onClick={() => tree.redo()} disabled={!tree.canRedo}>
                  {t('tree.undo.redo')}
                </Button>
              </div>
            )}
          </div>

          {deleted && <DeletedNotice deleted={deleted} tree={tree} treeKind={detail.kind} onDone={() => setDeleted(null)} />}

          <div id={`tree-panel-${view}`} role="tabpanel" aria-labelledby={`tree-tab-${view}`} className="tree-panel">
            {view === 'outline' ? (
              <TreeOutline
                tree={tree}
                treeKind={detail.kind}
                readOnly={readOnly}
                others={others}
                votes={votes}
                onEditing={session.setEditing}
                onDeleted={setDeleted}
                onChanged={() => setDeleted(null)}
              />
            ) : (
              <LiveDiagram tree={tree} detail={detail} votes={votes} readOnly={readOnly} others={others} onChanged={() => setDeleted(null)} />
            )}
          </div>
          <TreeCitations
            treeId={detail.id}
            nodes={tree.nodes.map((node) => ({
              key: node.key,
              label: `${kindLabel(t, detail.kind, node.kind)}: ${node.text.length > 60 ? `${node.text.slice(0, 59)}…` : node.text || '…'}`,
            }))}
          />
        </>
      )}
    </>
  );
}

function TreeDescription({ slug, detail }: { slug: string; detail: TreeDetail }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`tree.treeKinds.${detail.kind}`)}
      {detail.source_tree_id !== null && (
        <>
          {' · '}
          <Link to={`/w/${slug}/trees/${detail.source_tree_id}`}>{t('tree.source')}</Link>
        </>
      )}
    </>
  );
}

function SessionAlerts({ session, canEdit }: { session: LiveSession; canEdit: boolean }) {
  const { t } = useTranslation();
  switch (session.status) {
    case 'denied':
      return <Alert tone="error" messages={[t('liveDoc.alerts.denied')]} />;
    case 'signedOut':
      return <Alert tone="error" messages={[t('liveDoc.alerts.signedOut')]} />;
    case 'tooLarge':
      return <Alert tone="error" messages={[t('liveDoc.alerts.tooLarge')]} />;
    case 'error':
      return <Alert tone="error" messages={[t('liveDoc.alerts.error')]} />;
    case 'offline':
      return <Alert tone="warning" messages={[t('liveDoc.alerts.offline')]} />;
    case 'readOnly':
      return <Alert tone="info" messages={[canEdit ? t('tree.readOnlyNow') : t('tree.readOnly')]} />;
    default:
      return null;
  }
}

function ObjectivesButton({ slug, treeId }: { slug: string; treeId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateObjectives(slug, treeId);
  const errors = formErrors(create.error, [] as const);
  return (
    <>
      <Button
        variant="primary"
        busy={create.isPending}
        onClick={() => create.mutate({}, { onSuccess: (created) => navigate(`/w/${slug}/trees/${created.id}`) })}
      >
        {t('tree.objectives.button')}
      </Button>
      {errors.general.length > 0 && <Alert tone="error" messages={errors.general} className="tree-objectives-error" />}
    </>
  );
}

const NOTICE_MS = 12_000;

function DeletedNotice({ deleted, tree, treeKind, onDone }: { deleted: DeletedNode; tree: ProblemTreeApi; treeKind: TreeDetail['kind']; onDone: () => void }) {
  const { t } = useTranslation();
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    const timer = setTimeout(() => done.current(), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [deleted]);
  const what = deleted.label ? `“${deleted.label}”` : kindLabel(t, treeKind, deleted.kind);
  return (
    <div className="tree-toast" role="status">
      <span>{deleted.below ? t('tree.deleted.withBelow', { what, count: deleted.below }) : t('tree.deleted.single', { what })}</span>
      <Button
        onClick={() => {
          tree.undo();
          onDone();
        }}
        disabled={!tree.canUndo}
      >
        {t('tree.deleted.undo')}
      </Button>
      <button type="button" className="icon-button" aria-label={t('tree.deleted.dismiss')} onClick={onDone}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

interface LiveDiagramProps {
  tree: ProblemTreeApi;
  detail: TreeDetail;
  votes: ReadonlyMap<string, NodeVotes>;
  readOnly: boolean;
  others: LiveSession['peers'];
  onChanged: () => void;
}

function LiveDiagram({ tree, detail, votes, readOnly, others, onChanged }: LiveDiagramProps) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement | null>(null);
  const [exporting, setExporting] = useState<'svg' | 'png' | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const nodes = useMemo<DiagramSourceNode[]>(
    () =>
      tree.nodes.map((node) => ({
        key: node.key,
        parent_key: node.parentKey,
        kind: node.kind,
        label: node.text,
        position: node.position,
        dots: votes.get(node.key)?.dots ?? 0,
        is_top: votes.get(node.key)?.isTop ?? false,
      })),
    [tree.nodes, votes],
  );
  const editingColors = useMemo(() => {
    const map = new Map<string, string>();
    for (const peer of others) if (peer.editing?.startsWith('nodes/')) map.set(peer.editing.slice('nodes/'.length), peer.color);
    return map;
  }, [others]);

  async function runExport(format: 'svg' | 'png') {
    if (!svg.current) return;
    setExporting(format);
    setExportError(null);
    try {
      await (format === 'svg' ? downloadSvg(svg.current, detail.title) : downloadPng(svg.current, detail.title));
    } catch {
      setExportError(t('tree.export.failed'));
    } finally {
      setExporting(null);
    }
  }

  return (
    <>
      <div className="tree-diagram-bar">
        {!readOnly && <p className="form-note">{t('tree.diagram.dragHint')}</p>}
        <div className="tree-export" role="group" aria-label={t('tree.export.label')}>
          <Button busy={exporting === 'svg'} disabled={exporting !== null} onClick={() => void runExport('svg')}>
            {t('tree.export.svg')}
          </Button>
          <Button busy={exporting === 'png'} disabled={exporting !== null} onClick={() => void runExport('png')}>
            {t('tree.export.png')}
          </Button>
        </div>
      </div>
      <Alert tone="error" messages={exportError ? [exportError] : []} />
      <TreeDiagram
        nodes={nodes}
        treeKind={detail.kind}
        title={detail.title}
        svgRef={(element) => {
          svg.current = element;
        }}
        editingColors={editingColors}
        onReparent={
          readOnly
            ? undefined
            : (key, parent) => {
                const siblings = tree.byKey.get(parent)?.children.filter((child) => child.key !== key) ?? [];
                const kind = tree.byKey.get(key)?.kind;
                const index =
                  tree.byKey.get(parent)?.kind === 'problem'
                    ? (kind === 'effect' ? tree.effects : tree.causes).filter((child) => child.key !== key).length
                    : siblings.length;
                if (tree.move(key, { parent, index })) onChanged();
              }
        }
        canReparent={readOnly ? undefined : (key, parent) => canReparent(tree.tree, key, parent)}
      />
      <TreeLegend treeKind={detail.kind} />
    </>
  );
}

function TreeLegend({ treeKind }: { treeKind: TreeDetail['kind'] }) {
  const { t } = useTranslation();
  return (
    <ul className={`tree-legend tree-legend-${treeKind}`} aria-label={t('tree.diagram.legend')}>
      {(['effect', 'problem', 'cause'] as const).map((kind) => (
        <li key={kind}>
          <span className={`tree-legend-swatch swatch-${kind}`} aria-hidden="true" />
          {kindLabel(t, treeKind, kind)}
        </li>
      ))}
      <li>
        <span className="tree-legend-swatch swatch-top" aria-hidden="true" />
        {t('tree.diagram.topLegend')}
      </li>
    </ul>
  );
}
