import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Badge, Button, LoadingBlock, NotFoundState, PageHeader, QueryError } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { LiveStatusBadge, PresenceBar, RichTextField, useLiveDocument, type LiveSession } from '../../../lib/live';
import { AGENDA_SECTIONS, agendaDocument, useAgendaValue, type AgendaSection, type ProseSection } from '../../../lib/live/agendaDoc';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { useOrganisationOptions } from '../../../lib/workspaceOptions';
import type { AgendaDetail } from '../api/agendas';
import { AgendaSectionCitations } from '../citations/Citations';
import { WorkflowPanel } from '../review/WorkflowPanel';
import { useAgendaDetail } from '../hooks/useAdvocacy';
import { AgendaViewContext, useAgendaPart, useAgendaView, type AgendaView } from './agendaContext';
import { EditingBy, useEditingTracker } from './editing';
import { MethodsSection } from './MethodsSection';
import { describePath } from './rowLabels';
import { ActionsSection, IndicatorsSection, MessagesSection, ObjectivesSection, RisksSection } from './RowSections';
import { StakeholdersSection } from './StakeholdersSection';
import './agenda.css';

export function AgendaPage() {
  const { agendaId } = useParams();
  const id = Number(agendaId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundState />;
  return <AgendaScreen key={id} agendaId={id} />;
}

function AgendaScreen({ agendaId }: { agendaId: number }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const detail = useAgendaDetail(slug, agendaId);
  const session = useLiveDocument('agenda', agendaId);

  if (session.status === 'denied') return <NotFoundState />;
  // Offline with a local copy: keep working on it even though the details cannot be fetched.
  const offline = detail.error instanceof ApiError && detail.error.isNetworkError && session.ready;
  if (detail.isPending) return <LoadingBlock />;
  if (detail.isError && !offline) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!session.ready) return <LoadingBlock label={t('advocacyAgenda.opening')} />;
  return <AgendaEditor slug={slug} agendaId={agendaId} detail={detail.data ?? null} session={session} />;
}

function readOnlyReason(detail: AgendaDetail | null, session: LiveSession): 'frozen' | 'noRights' | 'connection' | null {
  if (detail && detail.status !== 'draft') return 'frozen';
  if (detail && !detail.can_edit) return 'noRights';
  if (session.mode !== 'edit') return 'connection';
  return null;
}

function AgendaEditor({
  slug,
  agendaId,
  detail,
  session,
}: {
  slug: string;
  agendaId: number;
  detail: AgendaDetail | null;
  session: LiveSession;
}) {
  const { t } = useTranslation();
  const model = agendaDocument(session.ydoc);
  const ready = useAgendaValue(model, (snapshot) => snapshot.ready);
  const canUndo = useAgendaValue(model, (snapshot) => snapshot.canUndo);
  const canRedo = useAgendaValue(model, (snapshot) => snapshot.canRedo);
  const needsRepair = useAgendaValue(model, (snapshot) => snapshot.needsRepair);
  const reason = readOnlyReason(detail, session);
  const readOnly = reason !== null;
  const organisations = useOrganisationOptions(slug);
  const tracker = useEditingTracker(session.setEditing);
  // The rich-text fields bind to the document once; the session's status and presence change all
  // the time and must not re-render every section (see AgendaView).
  const [proseSession] = useState(session);

  // A malformed row (another client's bug, a half-applied edit) gets its missing text fields back,
  // once we are in sync so the fix is made against the latest state.
  useEffect(() => {
    if (!readOnly && session.synced && needsRepair) model.repair();
  }, [readOnly, session.synced, needsRepair, model]);

  const organisationNames = useMemo(
    () =>
      new Map(
        (detail?.actions ?? []).flatMap((row) => (row.organisation ? [[row.organisation.id, row.organisation.name] as const] : [])),
      ),
    [detail],
  );
  const others = useMemo(() => session.peers.filter((peer) => !peer.isSelf), [session.peers]);
  const view = useMemo<AgendaView>(
    () => ({ model, session: proseSession, readOnly, others, organisations: organisations.data ?? null, organisationNames }),
    [model, proseSession, readOnly, others, organisations.data, organisationNames],
  );
  const readyCount = AGENDA_SECTIONS.filter((section) => ready[section]).length;
  const base = `/w/${encodeURIComponent(slug)}`;

  return (
    <AgendaViewContext value={view}>
      {detail && (
        <p>
          <Link to={`${base}/groups/${detail.group.id}`}>{t('advocacyAgenda.backToGroup', { group: detail.group.name })}</Link>
        </p>
      )}
      <PageHeader
        title={detail?.title ?? t('advocacyAgenda.untitled')}
        description={
          <span className="adv-header-meta">
            {detail && <Badge tone={detail.status === 'draft' ? 'neutral' : 'info'}>{t(`advocacy.agendaStatus.${detail.status}`)}</Badge>}
            {detail && detail.version > 1 && <Badge tone="muted">{t('advocacy.version', { version: detail.version })}</Badge>}
            <LiveStatusBadge status={session.status} />
          </span>
        }
        actions={
          <>
            {!readOnly && (
              <>
                <Button onClick={() => model.undo()} disabled={!canUndo}>
                  {t('advocacyAgenda.undo')}
                </Button>
                <Button onClick={() => model.redo()} disabled={!canRedo}>
                  {t('advocacyAgenda.redo')}
                </Button>
              </>
            )}
            <Link className="btn btn-secondary" to={`${base}/agendas/${agendaId}/history`}>
              {t('history.open')}
            </Link>
          </>
        }
      />
      <PresenceBar peers={session.peers} describeEditing={(path) => describePath(t, model.getSnapshot(), path)} />
      {!detail && <Alert tone="warning" messages={[t('advocacyAgenda.offlineDetails')]} />}
      {reason === 'frozen' && detail && (
        <Alert tone="info" messages={[t('advocacyAgenda.readOnly.frozen', { status: t(`advocacy.agendaStatus.${detail.status}`) })]} />
      )}
      {reason === 'noRights' && <Alert tone="info" messages={[t('advocacyAgenda.readOnly.noRights')]} />}
      {detail && <WorkflowPanel slug={slug} agendaId={agendaId} />}
      <nav className="adv-nav" aria-label={t('advocacyAgenda.navLabel')}>
        <p className="adv-nav-progress">{t('advocacyAgenda.readyProgress', { ready: readyCount, total: AGENDA_SECTIONS.length })}</p>
        <ol className="adv-nav-list">
          {AGENDA_SECTIONS.map((section) => (
            <li key={section} className={ready[section] ? 'is-ready' : undefined}>
              <a href={`#agenda-${section}`}>{t(`advocacyAgenda.sections.${section}`)}</a>
              {ready[section] && (
                <span className="adv-nav-ready">
                  <span aria-hidden="true">✓</span>
                  <span className="visually-hidden">{t('advocacyAgenda.isReady')}</span>
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="adv-sections" onFocus={tracker.onFocus} onBlur={tracker.onBlur}>
        {AGENDA_SECTIONS.map((section, index) => (
          <Section key={section} section={section} number={index + 1} />
        ))}
      </div>
    </AgendaViewContext>
  );
}

function SectionBody({ section }: { section: AgendaSection }) {
  switch (section) {
    case 'issue_statement':
    case 'goal':
    case 'policy_support':
      return <ProseBody section={section} />;
    case 'objectives':
      return <ObjectivesSection />;
    case 'stakeholders':
      return <StakeholdersSection />;
    case 'messages':
      return <MessagesSection />;
    case 'methods':
      return <MethodsSection />;
    case 'actions':
      return <ActionsSection />;
    case 'indicators':
      return <IndicatorsSection />;
    case 'risks':
      return <RisksSection />;
  }
}

function ProseBody({ section }: { section: ProseSection }) {
  const { t } = useTranslation();
  const { model, session, readOnly } = useAgendaView();
  const empty = useAgendaPart((snapshot) => snapshot.proseEmpty[section]);
  if (readOnly && empty) return <p className="muted">{t('advocacyAgenda.noneYet')}</p>;
  return (
    <RichTextField
      fragment={model.prose[section]}
      session={session}
      label={t(`advocacyAgenda.prose.${section}`)}
      readOnly={readOnly}
    />
  );
}

/** One section: memoised, so it re-renders only when its own content (or the shared view) changes. */
const Section = memo(function Section({ section, number }: { section: AgendaSection; number: number }) {
  const { t } = useTranslation();
  const { model, readOnly, others } = useAgendaView();
  const ready = useAgendaPart((snapshot) => snapshot.ready[section]);
  const title = t(`advocacyAgenda.sections.${section}`);
  const headingId = `agenda-${section}-heading`;
  return (
    <section id={`agenda-${section}`} className="adv-section" aria-labelledby={headingId} data-live-path={section}>
      <div className="adv-section-header">
        <h2 id={headingId} className="adv-section-title">
          <span className="adv-section-number">{number}.</span> {title}
        </h2>
        {readOnly ? (
          <Badge tone={ready ? 'success' : 'muted'}>{ready ? t('advocacyAgenda.ready') : t('advocacyAgenda.notReady')}</Badge>
        ) : (
          <label className={`adv-ready${ready ? ' is-ready' : ''}`}>
            <input
              type="checkbox"
              checked={ready}
              aria-label={t('advocacyAgenda.markReady', { section: title })}
              onChange={(event) => model.setReady(section, event.target.checked)}
            />
            <span aria-hidden="true">{t('advocacyAgenda.ready')}</span>
          </label>
        )}
      </div>
      <EditingBy peers={others} path={section} exact />
      <p className="field-hint adv-section-hint">{t(`advocacyAgenda.hint.${section}`)}</p>
      <SectionEvidence section={section} title={title} />
      <SectionBody section={section} />
    </section>
  );
});

/** The section's citations of the policy bank (shown under its header, above its content). */
function SectionEvidence({ section, title }: { section: AgendaSection; title: string }) {
  const { agendaId } = useParams();
  const id = Number(agendaId);
  if (!Number.isInteger(id) || id <= 0) return null;
  return <AgendaSectionCitations agendaId={id} section={section} sectionTitle={title} />;
}
