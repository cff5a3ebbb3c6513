import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert, Button, Dialog, Select, TextArea, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import type { TreeSummary } from '../api/groupWork';
import { useCreateAgenda, useCreateTree } from '../hooks/useAdvocacy';

interface DialogProps {
  slug: string;
  groupId: number;
  onClose: () => void;
}

export function NewTreeDialog({ slug, groupId, onClose }: DialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateTree(slug, groupId);
  const [title, setTitle] = useState('');
  const [focal, setFocal] = useState('');
  const [missing, setMissing] = useState<{ title?: string; focal_problem?: string }>({});
  const errors = formErrors(create.error, ['title', 'focal_problem'] as const);

  function submit() {
    const problems = {
      title: title.trim() ? undefined : t('advocacy.newTree.titleRequired'),
      focal_problem: focal.trim() ? undefined : t('advocacy.newTree.focalRequired'),
    };
    setMissing(problems);
    if (problems.title || problems.focal_problem) return;
    create.mutate(
      { title: title.trim(), focal_problem: focal.trim() },
      { onSuccess: (tree) => void navigate(`/w/${encodeURIComponent(slug)}/trees/${tree.id}`) },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('advocacy.newTree.title')}
      busy={create.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('advocacy.newTree.submit')}
          </Button>
        </>
      }
    >
      <Alert tone="error" messages={errors.general} />
      <TextField
        label={t('advocacy.newTree.name')}
        hint={t('advocacy.newTree.nameHint')}
        value={title}
        required
        maxLength={200}
        error={missing.title ?? errors.fields.title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextArea
        label={t('advocacy.newTree.focal')}
        hint={t('advocacy.newTree.focalHint')}
        value={focal}
        required
        rows={3}
        error={missing.focal_problem ?? errors.fields.focal_problem}
        onChange={(event) => setFocal(event.target.value)}
      />
    </Dialog>
  );
}

export function NewAgendaDialog({ slug, groupId, onClose, trees }: DialogProps & { trees: readonly TreeSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateAgenda(slug, groupId);
  const [title, setTitle] = useState('');
  // Starting from the objectives tree is the usual path: preselect the most recent one.
  const [source, setSource] = useState(() => {
    const objectives = trees
      .filter((tree) => tree.kind === 'objectives')
      .sort((a, b) => b.last_edited_at.localeCompare(a.last_edited_at))[0];
    return objectives ? String(objectives.id) : '';
  });
  const [missing, setMissing] = useState<string | undefined>();
  const errors = formErrors(create.error, ['title', 'source_tree_id'] as const);

  function submit() {
    if (!title.trim()) {
      setMissing(t('advocacy.newAgenda.titleRequired'));
      return;
    }
    setMissing(undefined);
    create.mutate(
      { title: title.trim(), source_tree_id: source ? Number(source) : null },
      { onSuccess: (agenda) => void navigate(`/w/${encodeURIComponent(slug)}/agendas/${agenda.id}`) },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('advocacy.newAgenda.title')}
      busy={create.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('advocacy.newAgenda.submit')}
          </Button>
        </>
      }
    >
      <Alert tone="error" messages={errors.general} />
      <TextField
        label={t('advocacy.newAgenda.name')}
        hint={t('advocacy.newAgenda.nameHint')}
        value={title}
        required
        maxLength={200}
        error={missing ?? errors.fields.title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <Select
        label={t('advocacy.newAgenda.source')}
        hint={t('advocacy.newAgenda.sourceHint')}
        value={source}
        error={errors.fields.source_tree_id}
        onChange={(event) => setSource(event.target.value)}
        options={[
          { value: '', label: t('advocacy.newAgenda.noSource') },
          ...trees.map((tree) => ({
            value: String(tree.id),
            label: t(`advocacy.newAgenda.sourceOption.${tree.kind}`, { title: tree.title }),
          })),
        ]}
      />
    </Dialog>
  );
}
