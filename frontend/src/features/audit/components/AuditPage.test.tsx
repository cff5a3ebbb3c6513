import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import i18n from '../../../lib/i18n';
import { json, mockApi } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { AuditPage } from './AuditPage';

const ROUTE = { route: '/w/necn/admin/audit', path: '/w/:slug/admin/audit' };
const actor = { id: 1, email: 'sophea@example.org', display_name: 'Sophea' };

const events = [
  {
    id: 1,
    actor,
    verb: 'membership.updated',
    target_type: 'membership',
    target_id: 11,
    target_repr: 'Dara Sok',
    before: { role: 'member', is_active: true, organisation: { id: 3, repr: 'KYA' } },
    after: { role: 'facilitator', is_active: false, organisation: null },
    created_at: '2026-11-01T08:00:00Z',
  },
  {
    id: 2,
    actor: null,
    verb: 'people_import.failed',
    target_type: 'job',
    target_id: 4,
    target_repr: 'people.csv',
    before: null,
    after: null,
    created_at: '2026-11-01T09:00:00Z',
  },
  {
    id: 3,
    actor,
    verb: 'meeting.rescheduled',
    target_type: 'meeting',
    target_id: 5,
    target_repr: 'Monthly meeting',
    before: null,
    after: null,
    created_at: '2026-11-01T10:00:00Z',
  },
];

function mockEvents() {
  mockApi([
    {
      method: 'GET',
      path: '/api/workspaces/necn/audit-events/',
      respond: json(200, { count: events.length, next: null, previous: null, results: events }),
    },
  ]);
}

describe('AuditPage', () => {
  test('translates actions, target types and field values', async () => {
    mockEvents();
    renderWithProviders(<AuditPage />, ROUTE);
    const table = await screen.findByRole('table');
    const [, updated, failed, unknown] = within(table).getAllByRole('row');

    expect(within(updated).getByText('Membership changed')).toBeInTheDocument();
    expect(within(updated).getByText('Membership')).toBeInTheDocument();
    expect(within(updated).getByText('Member')).toBeInTheDocument();
    expect(within(updated).getByText('Facilitator')).toBeInTheDocument();
    expect(within(updated).getByText('Yes')).toBeInTheDocument();
    expect(within(updated).getByText('No')).toBeInTheDocument();
    expect(within(updated).getByText('KYA')).toBeInTheDocument();

    expect(within(failed).getByText('People import failed')).toBeInTheDocument();
    expect(within(failed).getByText('Import')).toBeInTheDocument();

    // Something this version does not know yet shows as the server sent it.
    expect(within(unknown).getByText('meeting.rescheduled')).toBeInTheDocument();
    expect(within(unknown).getByText('meeting')).toBeInTheDocument();
  });

  test('speaks Khmer too', async () => {
    await i18n.changeLanguage('km');
    mockEvents();
    renderWithProviders(<AuditPage />, ROUTE);
    const table = await screen.findByRole('table');
    const [, updated, failed] = within(table).getAllByRole('row');
    expect(within(updated).getByText('បានផ្លាស់ប្តូរសមាជិកភាព')).toBeInTheDocument();
    expect(within(updated).getByText('អ្នកសម្របសម្រួល')).toBeInTheDocument();
    expect(within(updated).getByText('បាទ/ចាស')).toBeInTheDocument();
    expect(within(failed).getByText('ការនាំចូលបុគ្គលបរាជ័យ')).toBeInTheDocument();
  });
});

describe('the audit action labels', () => {
  const verbs = [
    'membership.invited',
    'membership.updated',
    'membership.deactivated',
    'membership.reactivated',
    'membership.imported',
    'organisation.created',
    'organisation.updated',
    'organisation.deleted',
    'organisation.imported',
    'organisations_import.succeeded',
    'organisations_import.failed',
    'people_import.succeeded',
    'people_import.failed',
  ];
  test.each(['en', 'km'])('exist for every verb the server sends (%s)', (language) => {
    for (const verb of verbs) {
      const key = `audit.actions.${verb.replace('.', '_')}`;
      expect(i18n.exists(key, { lng: language, fallbackLng: false }), `${language}: ${key}`).toBe(true);
    }
  });
});
