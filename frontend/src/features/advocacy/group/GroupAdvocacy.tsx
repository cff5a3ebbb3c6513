import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, Button, EmptyState, LoadingBlock, ProgressBar, QueryError, Table, type Column } from '../../../components/ui';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { AgendaSummary } from '../api/agendas';
import type { PersonRef, TreeSummary } from '../api/groupWork';
import { useRelativeTime } from '../history/relativeTime';
import { useGroupAgendas, useGroupTrees } from '../hooks/useAdvocacy';
import { useTreeDetail } from '../tree/api';
import { TreeDiagram } from '../tree/TreeDiagram';
import { NewAgendaDialog, NewTreeDialog } from './NewWorkDialogs';
import './group.css';

interface GroupAdvocacyProps {
  groupId: number;
  /** Whether the person may start a tree or an agenda (the app knows their roles). */
  canCreate: boolean;
}

/** The group's problem trees and advocacy agendas, for its group page. */
export function GroupAdvocacy({ groupId, canCreate }: GroupAdvocacyProps) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const trees = useGroupTrees(slug, groupId);
  const agendas = useGroupAgendas(slug, groupId);
  const [creating, setCreating] = useState<'tree' | 'agenda' | null>(null);
  // Whoever may edit the group's work may also start new work (e.g. a facilitator running its session).
  const mayCreate =
    canCreate ||
    Boolean(trees.data?.results.some((tree) => tree.can_edit)) ||
    Boolean(agendas.data?.results.some((agenda) => agenda.can_edit));
  const treeList = trees.data?.results ?? [];

  const newTree = mayCreate && (
    <Button variant="primary" onClick={() => setCreating('tree')}>
      {t('advocacy.newTree.open')}
    </Button>
  );
  const newAgenda = mayCreate && (
    <Button variant="primary" onClick={() => setCreating('agenda')}>
      {t('advocacy.newAgenda.open')}
    </Button>
  );

  return (
    <>
      <section className="section" aria-labelledby="group-trees-heading">
        <div className="page-header">
          <h2 id="group-trees-heading" className="section-title">
            {t('advocacy.trees')}
          </h2>
          {newTree && <div className="page-actions">{newTree}</div>}
        </div>
        {trees.isPending ? (
          <LoadingBlock />
        ) : trees.isError ? (
          <QueryError error={trees.error} onRetry={() => void trees.refetch()} />
        ) : treeList.length === 0 ? (
          <EmptyState title={t('advocacy.noTreesTitle')} action={newTree || undefined}>
            <p>{mayCreate ? t('advocacy.noTreesBodyEditor') : t('advocacy.noTreesBody')}</p>
          </EmptyState>
        ) : (
          <>
            <TreeTable slug={slug} trees={treeList} />
            <LatestDiagram slug={slug} tree={mostRecent(treeList)} />
          </>
        )}
      </section>
      <section className="section" aria-labelledby="group-agendas-heading">
        <div className="page-header">
          <h2 id="group-agendas-heading" className="section-title">
            {t('advocacy.agendas')}
          </h2>
          {newAgenda && <div className="page-actions">{newAgenda}</div>}
        </div>
        {agendas.isPending ? (
          <LoadingBlock />
        ) : agendas.isError ? (
          <QueryError error={agendas.error} onRetry={() => void agendas.refetch()} />
        ) : agendas.data.results.length === 0 ? (
          <EmptyState title={t('advocacy.noAgendasTitle')} action={newAgenda || undefined}>
            <p>{mayCreate ? t('advocacy.noAgendasBodyEditor') : t('advocacy.noAgendasBody')}</p>
          </EmptyState>
        ) : (
          <AgendaTable slug={slug} agendas={agendas.data.results} />
        )}
      </section>
      {creating === 'tree' && <NewTreeDialog slug={slug} groupId={groupId} onClose={() => setCreating(null)} />}
      {creating === 'agenda' && (
        <NewAgendaDialog slug={slug} groupId={groupId} trees={treeList} onClose={() => setCreating(null)} />
      )}
    </>
  );
}

function mostRecent(trees: readonly TreeSummary[]): TreeSummary {
  return trees.reduce((best, tree) => (tree.last_edited_at > best.last_edited_at ? tree : best), trees[0]);
}

/** `at` is never empty: the server answers the creation time for work nobody has edited yet. */
function LastEdited({ at, editors }: { at: string; editors: readonly PersonRef[] }) {
  const { t } = useTranslation();
  const time = useRelativeTime();
  return (
    <>
      <time dateTime={at} title={time.exact(at)}>
        {time.ago(at)}
      </time>
      {editors.length > 0 && (
        <span className="cell-secondary">{t('advocacy.by', { names: time.list(editors.map((editor) => editor.name)) })}</span>
      )}
    </>
  );
}

function TreeTable({ slug, trees }: { slug: string; trees: readonly TreeSummary[] }) {
  const { t } = useTranslation();
  const base = `/w/${encodeURIComponent(slug)}`;
  const columns: Column<TreeSummary>[] = [
    {
      key: 'title',
      header: t('advocacy.fields.title'),
      render: (tree) => (
        <>
          <Link to={`${base}/trees/${tree.id}`}>
            <strong>{tree.title}</strong>
          </Link>
          <span className="cell-secondary">{t(`advocacy.treeKind.${tree.kind}`)}</span>
        </>
      ),
    },
    {
      key: 'status',
      header: t('advocacy.fields.status'),
      render: (tree) => <Badge>{t(`advocacy.treeStatus.${tree.status}`)}</Badge>,
    },
    {
      key: 'nodes',
      header: t('advocacy.fields.nodes'),
      render: (tree) =>
        t(`advocacy.nodeCounts.${tree.kind}`, { causes: tree.node_counts.causes, effects: tree.node_counts.effects }),
    },
    {
      key: 'edited',
      header: t('advocacy.fields.lastEdited'),
      render: (tree) => <LastEdited at={tree.last_edited_at} editors={tree.last_editors} />,
    },
  ];
  return (
    <Table caption={t('advocacy.treesCaption', { count: trees.length })} captionHidden columns={columns} rows={trees} rowKey={(tree) => tree.id} />
  );
}

function AgendaTable({ slug, agendas }: { slug: string; agendas: readonly AgendaSummary[] }) {
  const { t } = useTranslation();
  const base = `/w/${encodeURIComponent(slug)}`;
  const columns: Column<AgendaSummary>[] = [
    {
      key: 'title',
      header: t('advocacy.fields.title'),
      render: (agenda) => (
        <>
          <Link to={`${base}/agendas/${agenda.id}`}>
            <strong>{agenda.title}</strong>
          </Link>
          {agenda.version > 1 && <span className="cell-secondary">{t('advocacy.version', { version: agenda.version })}</span>}
        </>
      ),
    },
    {
      key: 'status',
      header: t('advocacy.fields.status'),
      render: (agenda) => (
        <Badge tone={agenda.status === 'approved' || agenda.status === 'published' ? 'success' : agenda.status === 'draft' ? 'neutral' : 'info'}>
          {t(`advocacy.agendaStatus.${agenda.status}`)}
        </Badge>
      ),
    },
    {
      key: 'ready',
      header: t('advocacy.fields.ready'),
      render: (agenda) => {
        const { count, total } = agenda.ready_sections;
        const text = t('advocacy.readySections', { count, total });
        return (
          <div className="adv-ready-cell">
            <span>{text}</span>
            <ProgressBar value={total ? (100 * count) / total : 0} label={agenda.title} valueText={text} />
          </div>
        );
      },
    },
    {
      key: 'edited',
      header: t('advocacy.fields.lastEdited'),
      render: (agenda) => <LastEdited at={agenda.last_edited_at} editors={agenda.last_editors} />,
    },
  ];
  return (
    <Table
      caption={t('advocacy.agendasCaption', { count: agendas.length })}
      captionHidden
      columns={columns}
      rows={agendas}
      rowKey={(agenda) => agenda.id}
    />
  );
}

function LatestDiagram({ slug, tree }: { slug: string; tree: TreeSummary }) {
  const { t } = useTranslation();
  const detail = useTreeDetail(slug, tree.id);
  return (
    <div className="adv-latest-tree">
      <h3 className="adv-latest-tree-title">{t('advocacy.latestTree', { title: tree.title })}</h3>
      {detail.isPending ? (
        <LoadingBlock />
      ) : detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <TreeDiagram nodes={detail.data.nodes} treeKind={detail.data.kind} title={detail.data.title} fit />
      )}
      <p>
        <Link to={`/w/${encodeURIComponent(slug)}/trees/${tree.id}`}>{t('advocacy.openTree', { title: tree.title })}</Link>
      </p>
    </div>
  );
}
