import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { GROUP_ROLES, type GroupMember, type GroupRole, type MemberCandidate } from '../api/groups';
import { useAddGroupMember, useMemberCandidates } from '../hooks/useGroups';
import { organisationLabel } from './labels';

interface AddMemberDialogProps {
  slug: string;
  groupId: number;
  onClose: () => void;
  onAdded: (member: GroupMember) => void;
}

function candidateLabel(candidate: MemberCandidate): string {
  const name = candidate.user.display_name || candidate.user.email;
  const organisation = candidate.organisation ? ` — ${organisationLabel(candidate.organisation)}` : '';
  return `${name} (${candidate.user.email})${organisation}`;
}

export function AddMemberDialog({ slug, groupId, onClose, onAdded }: AddMemberDialogProps) {
  const { t } = useTranslation();
  const add = useAddGroupMember(slug, groupId);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const candidates = useMemberCandidates(slug, groupId, deferredSearch, true);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<GroupRole>('member');
  const errors = formErrors(add.error, ['user_id', 'role'] as const);

  const options = candidates.data ?? [];
  // Keep the chosen person selectable while a new search is typed.
  const chosen = options.some((candidate) => String(candidate.user.id) === userId) ? userId : '';

  function submit() {
    if (!chosen) return;
    add.mutate({ user_id: Number(chosen), role }, { onSuccess: onAdded });
  }

  let personHint: string | undefined;
  if (candidates.isError) personHint = candidates.error.message;
  else if (candidates.data && options.length === 0) {
    personHint = deferredSearch ? t('groups.addMember.noMatches') : t('groups.addMember.nobodyLeft');
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('groups.addMember.title')}
      busy={add.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={add.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={add.isPending} disabled={!chosen}>
            {t('groups.addMember.submit')}
          </Button>
        </>
      }
    >
      <p>{t('groups.addMember.intro')}</p>
      <Alert tone="error" messages={errors.general} />
      <TextField
        label={t('groups.addMember.search')}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        hint={t('groups.addMember.searchHint')}
        data-autofocus
      />
      <Select
        label={t('groups.addMember.person')}
        required
        value={chosen}
        onChange={(event) => setUserId(event.target.value)}
        options={[
          { value: '', label: t('groups.addMember.choose') },
          ...options.map((candidate) => ({ value: String(candidate.user.id), label: candidateLabel(candidate) })),
        ]}
        hint={personHint}
        error={errors.fields.user_id}
      />
      <Select
        label={t('groups.fields.role')}
        required
        value={role}
        onChange={(event) => setRole(event.target.value as GroupRole)}
        options={GROUP_ROLES.map((value) => ({ value, label: t(`groupRoles.${value}`) }))}
        hint={t('groups.roleHint')}
        error={errors.fields.role}
      />
    </Dialog>
  );
}
