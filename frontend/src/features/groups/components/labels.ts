export function organisationLabel(organisation: { name: string; acronym?: string | null }): string {
  return organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name;
}

export function personName(person: { user: { display_name?: string | null; email: string } }): string {
  return person.user.display_name || person.user.email;
}
