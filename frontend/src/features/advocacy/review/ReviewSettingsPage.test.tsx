import { screen, waitFor } from '@testing-library/react';
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
  review_days: 14,
  action_reminder_days: 3,
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
  const days = screen.getByLabelText(/Days to decide/);
  await user.clear(days);
  await user.type(days, '21');
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
    review_days: 21,
    action_reminder_days: 3,
  });
  expect(screen.getByRole('link', { name: 'Review dashboard' })).toHaveAttribute('href', '/w/necn/reviews');
});

test('days out of range are refused before anything is sent, and what was typed stays', async () => {
  const spy = mockApi([{ method: 'GET', path: URL, respond: json(200, SETTINGS) }]);
  const user = userEvent.setup();
  renderWithProviders(<ReviewSettingsPage />, { route: '/w/necn/review-settings', path: '/w/:slug/review-settings' });

  const reminder = await screen.findByLabelText(/Action reminder/);
  await user.clear(reminder);
  await user.type(reminder, '61');
  await user.click(screen.getByRole('button', { name: 'Save settings' }));

  expect(await screen.findByText('The reminder must be a whole number of days from 0 to 60.')).toBeInTheDocument();
  expect(reminder).toHaveValue(61);
  // On the field itself, marked invalid, with the focus there to correct it.
  expect(reminder).toHaveAccessibleDescription(/whole number of days from 0 to 60/);
  expect(reminder).toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => document.activeElement).toBe(reminder);
  expect(requestsOf(spy).some((request) => request.method === 'PATCH')).toBe(false);
});

test('an unchanged rubric is not sent, so the default criteria keep their names in every language', async () => {
  const spy = mockApi([
    { method: 'GET', path: URL, respond: json(200, SETTINGS) },
    { method: 'PATCH', path: URL, respond: async (request) => json(200, { ...SETTINGS, ...(await request.json()) }) },
  ]);
  const user = userEvent.setup();
  renderWithProviders(<ReviewSettingsPage />, { route: '/w/necn/review-settings', path: '/w/:slug/review-settings' });

  const days = await screen.findByLabelText(/Days to decide/);
  await user.clear(days);
  await user.type(days, '10');
  await user.click(screen.getByRole('button', { name: 'Save settings' }));

  expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  const patch = requestsOf(spy).find((request) => request.method === 'PATCH');
  expect(await patch?.json()).toEqual({
    approvals_required: 1,
    reviews_hidden_until_own: true,
    review_days: 10,
    action_reminder_days: 3,
  });
  // The focus moves to the message after a save; once it is there, editing again takes the message away
  // ("Settings saved." no longer describes the form).
  await waitFor(() => expect(screen.getByText('Settings saved.').closest('[tabindex="-1"]')).toHaveFocus());
  await user.type(days, '1');
  expect(screen.queryByText('Settings saved.')).not.toBeInTheDocument();
});

test('a server refusal of the days is shown on the field', async () => {
  mockApi([
    { method: 'GET', path: URL, respond: json(200, SETTINGS) },
    { method: 'PATCH', path: URL, respond: json(400, { review_days: ['Between 1 and 90 days.'] }) },
  ]);
  const user = userEvent.setup();
  renderWithProviders(<ReviewSettingsPage />, { route: '/w/necn/review-settings', path: '/w/:slug/review-settings' });

  await user.click(await screen.findByRole('button', { name: 'Save settings' }));

  expect(await screen.findByText('Between 1 and 90 days.')).toBeInTheDocument();
});

test('people who may not change the settings see them read-only', async () => {
  mockApi([{ method: 'GET', path: URL, respond: json(200, { ...SETTINGS, can_edit: false }) }]);
  renderWithProviders(<ReviewSettingsPage />, { route: '/w/necn/review-settings', path: '/w/:slug/review-settings' });

  expect(await screen.findByText(/Only workspace administrators and the executive committee/)).toBeInTheDocument();
  expect(screen.getByLabelText(/Approvals required/)).toBeDisabled();
  expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
  expect(screen.getByLabelText(/Days to decide/)).toBeDisabled();
  expect(screen.queryByRole('link', { name: 'Review dashboard' })).not.toBeInTheDocument();
});
