import type { TFunction } from 'i18next';
import type { SelectOption } from '../../../components/ui';
import { ROLES, type OrganisationOption } from '../api/people';

export function roleOptions(t: TFunction): SelectOption[] {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export function organisationLabel(organisation: { name: string; acronym?: string | null }): string {
  return organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name;
}

export function organisationOptions(t: TFunction, organisations: readonly OrganisationOption[] | undefined): SelectOption[] {
  return [
    { value: '', label: t('people.noOrganisation') },
    ...(organisations ?? []).map((organisation) => ({ value: String(organisation.id), label: organisationLabel(organisation) })),
  ];
}
