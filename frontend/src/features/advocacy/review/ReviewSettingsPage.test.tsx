import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { ReviewSettings } from '../api/reviews';
import { ReviewSettingsPage } from './ReviewSettingsPage';

const URL = '/api/workspaces/necn/review-settings/';
const SETTINGS: ReviewSettings = {
  approvals_required: 1,
  reviews_hidden_until_own: true,
  rubric: [{ key: 'evidence', label: 'Evidence' }],
  can_edit: true,
};

test('an executive changes the approvals needed and adds a criterion', async () => {
  const spy = mockApi([
    { method: 'GET', path: URL, respond: json(200, SETTINGS) },
    { method: 'PATCH', path: URL, respond: async (request) => json(200, { ...SETTINGS, ...(await request.json()) }) },
  ]);
  const user = userEvent.setup();
  renderWithProviders(<ReviewSettingsPage />, { route: '/w/necn/review-settings', path: '/w/:slug/review-settings' });

  const approvals = await screen.findByLabelText(/Approvals required/);
  await user.clear(approvals);
  await user.type(approvals, '2');
  await user.type(screen.getByLabelText('New criterion'), 'Feasibility');
  await user.click(screen.getByRole('button', { name: 'Add criterion' }));
  await user.click(screen.getByRole('checkbox', { name: /Hide other reviewers/ }));
  await user.click(screen.getByRole('button', { name: 'Save settings' }));

  expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  const patch = requestsOf(spy).find((request) => request.method === 'PATCH');
  expect(await patch?.json()).toEqual({
    approvals_required: 2,
    reviews_hidden_until_own: false,
    rubric: [
      { key: 'evidence', label: 'Evidence' },
      { key: 'feasibility', label: 'Feasibility' },
    ],
  });
});

test('people who may not change the settings see them read-only', async () => {
  mockApi([{ method: 'GET', path: URL, respond: json(200, { ...SETTINGS, can_edit: false }) }]);
  renderWithProviders(<ReviewSettingsPage />, { route: '/w/necn/review-settings', path: '/w/:slug/review-settings' });

  expect(await screen.findByText(/Only workspace administrators and the executive committee/)).toBeInTheDocument();
  expect(screen.getByLabelText(/Approvals required/)).toBeDisabled();
  expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
});
