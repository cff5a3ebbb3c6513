import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/ui';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { useCreateDocument } from '../api/hooks';
import { DocumentForm } from './DocumentForm';
import './policybank.css';

export function NewDocumentPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const navigate = useNavigate();
  const create = useCreateDocument(slug);
  const base = `/w/${encodeURIComponent(slug)}/policy`;
  return (
    <>
      <PageHeader title={t('policybank.new.title')} description={t('policybank.new.description')} />
      <DocumentForm
        busy={create.isPending}
        error={create.error}
        submitLabel={t('policybank.new.submit')}
        onSubmit={(input, file) =>
          create.mutate({ input, file }, { onSuccess: (created) => navigate(`${base}/documents/${created.id}`) })
        }
        onCancel={() => navigate(base)}
      />
    </>
  );
}
