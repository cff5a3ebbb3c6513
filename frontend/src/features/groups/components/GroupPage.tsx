import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  EmptyState,
  LoadingBlock,
  NotFoundState,
  PageHeader,
  PagedTable,
  QueryError,
  type Column,
} from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { usePageParam, useStepBackFromMissingPage } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { GroupDetail, GroupMember } from '../api/groups';
import { useGroup, useGroupMembers, useRemoveGroupMember, useUpdateGroupMember } from '../hooks/useGroups';
import { AddMemberDialog } from './AddMemberDialog';
import { EditGroupDialog } from './GroupDialog';
import { organisationLabel, personName } from './labels';

interface GroupPageProps {
  /** The group's meetings section; the app composes it from the meetings feature. */
  renderMeetings?: (groupId: number) => ReactNode;
  /** The group's work (problem trees and agendas); the app composes it from the advocacy feature. */
  renderWork?: (group: GroupDetail) => ReactNode;
}

export function GroupPage({ renderMeetings, renderWork }: GroupPageProps = {}) {
  const { groupId } = useParams();
  const id = Number(groupId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundState />;
  return <GroupView groupId={id} renderMeetings={renderMeetings} renderWork={renderWork} />;
}

function GroupView({ groupId, renderMeetings, renderWork }: { groupId: number } & GroupPageProps) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const group = useGroup(slug, groupId);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (group.isPending) return <LoadingBlock />;
  if (group.isError) return <QueryError error={group.error} onRetry={() => void group.refetch()} />;
  const data = group.data;
  const canEdit = data.permissions.edit_details || data.permissions.edit_settings;

  return (
    <>
      <p>
        <Link to={`/w/${slug}/groups`}>{t('groups.backToList')}</Link>
      </p>
      <PageHeader
        title={data.name}
        description={data.theme || undefined}
        actions={
          canEdit && (
            <Button onClick={() => setEditing(true)}>{t('groups.editDetails')}</Button>
          )
        }
      />
      {notice && <Alert tone="success" messages={[notice]} />}
      <div className="card-meta">
        <Badge tone={data.visibility === 'private' ? 'info' : 'muted'}>{t(`visibility.${data.visibility}`)}</Badge>
        {data.my_role && (
          <Badge tone={data.my_role === 'lead' ? 'info' : 'neutral'}>{t(`groupRoles.${data.my_role}`)}</Badge>
        )}
        <Badge tone="muted">{t('groups.memberCount', { count: data.member_count })}</Badge>
      </div>
      <section className="section" aria-labelledby="group-about-heading">
        <h2 id="group-about-heading" className="section-title">
          {t('groups.about')}
        </h2>
        {data.description ? (
          <p style={{ whiteSpace: 'pre-line' }}>{data.description}</p>
        ) : (
          <p className="muted">{canEdit ? t('groups.noDescriptionEditable') : t('groups.noDescription')}</p>
        )}
      </section>
      {renderWork?.(data)}
      <GroupMembers slug={slug} group={data} onNotice={setNotice} />
      {renderMeetings?.(data.id)}
      {editing && (
        <EditGroupDialog
          slug={slug}
          group={data}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setNotice(t('groups.saved', { name: saved.name }));
          }}
        />
      )}
    </>
  );
}

function GroupMembers({ slug, group, onNotice }: { slug: string; group: GroupDetail; onNotice: (notice: string) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = usePageParam();
  const members = useGroupMembers(slug, group.id, page);
  const steppingBack = useStepBackFromMissingPage(members.error, page, setPage);
  const changeRole = useUpdateGroupMember(slug, group.id);
  const remove = useRemoveGroupMember(slug, group.id);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<GroupMember | null>(null);
  const canManage = group.permissions.manage_members;
  const roleErrors = formErrors(changeRole.error, [] as const);
  const removeErrors = formErrors(remove.error, [] as const);

  function toggleRole(member: GroupMember) {
    const role = member.role === 'lead' ? 'member' : 'lead';
    remove.reset();
    changeRole.mutate(
      { id: member.id, role },
      {
        onSuccess: (saved) =>
          onNotice(t('groups.roleChanged', { name: personName(saved), role: t(`groupRoles.${saved.role}`) })),
      },
    );
  }

  function confirmRemove() {
    if (!removing) return;
    const name = personName(removing);
    remove.mutate(removing.id, {
      onSuccess: () => {
        setRemoving(null);
        onNotice(t('groups.memberRemoved', { name }));
      },
    });
  }

  const columns: Column<GroupMember>[] = [
    {
      key: 'name',
      header: t('groups.fields.person'),
      render: (m) => <strong>{personName(m)}</strong>,
    },
    { key: 'email', header: t('groups.fields.email'), render: (m) => m.user.email },
    {
      key: 'organisation',
      header: t('groups.fields.organisation'),
      render: (m) => (m.organisation ? organisationLabel(m.organisation) : <span className="muted">—</span>),
    },
    {
      key: 'role',
      header: t('groups.fields.role'),
      render: (m) => <Badge tone={m.role === 'lead' ? 'info' : 'neutral'}>{t(`groupRoles.${m.role}`)}</Badge>,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      render: (m) => (
        <>
          <Button
            onClick={() => toggleRole(m)}
            busy={changeRole.isPending && changeRole.variables?.id === m.id}
          >
            {m.role === 'lead' ? t('groups.makeMember') : t('groups.makeLead')}{' '}
            <span className="visually-hidden">{personName(m)}</span>
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              changeRole.reset();
              remove.reset();
              setRemoving(m);
            }}
          >
            {t('groups.remove')} <span className="visually-hidden">{personName(m)}</span>
          </Button>
        </>
      ),
    });
  }

  const addButton = canManage && (
    <Button variant="primary" onClick={() => setAdding(true)}>
      {t('groups.addMember.open')}
    </Button>
  );

  return (
    <section className="section" aria-labelledby="group-members-heading">
      <div className="page-header">
        <h2 id="group-members-heading" className="section-title">
          {t('groups.members')}
        </h2>
        {addButton && <div className="page-actions">{addButton}</div>}
      </div>
      <Alert tone="error" messages={roleErrors.general} />
      {members.isPending || steppingBack ? (
        <LoadingBlock />
      ) : members.isError ? (
        <QueryError error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.results.length === 0 ? (
        <EmptyState title={t('groups.noMembersTitle')} action={addButton || undefined}>
          <p>{canManage ? t('groups.noMembersManageBody') : t('groups.noMembersBody')}</p>
        </EmptyState>
      ) : (
        <PagedTable
          caption={t('groups.membersCaption', { count: members.data.count })}
          columns={columns}
          rowKey={(m) => m.id}
          data={members.data}
          page={page}
          onPageChange={setPage}
        />
      )}
      {adding && (
        <AddMemberDialog
          slug={slug}
          groupId={group.id}
          onClose={() => setAdding(false)}
          onAdded={(member) => {
            setAdding(false);
            onNotice(t('groups.memberAdded', { name: personName(member), role: t(`groupRoles.${member.role}`) }));
          }}
        />
      )}
      <ConfirmDialog
        open={Boolean(removing)}
        title={t('groups.removeTitle', { name: removing ? personName(removing) : '' })}
        confirmLabel={t('groups.remove')}
        busy={remove.isPending}
        errors={removeErrors.general}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('groups.removeBody', { group: group.name })}</p>
      </ConfirmDialog>
    </section>
  );
}
