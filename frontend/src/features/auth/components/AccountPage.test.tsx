import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import i18n from '../../../lib/i18n';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { AccountPage } from './AccountPage';
import { LanguageSwitch } from './LanguageSwitch';

const me = {
  id: 7,
  email: 'dara@example.org',
  display_name: 'Dara Sok',
  preferred_language: 'en',
  workspaces: [],
};

const NOTIFICATION_SETTINGS = '/api/auth/me/notification-settings/';

type Responder = (request: Request) => Response | Promise<Response>;

function mockMe({
  person = me,
  notificationEmail = 'daily',
  saveNotificationSettings = async (request: Request) => json(200, await request.json()),
}: { person?: typeof me; notificationEmail?: string; saveNotificationSettings?: Responder } = {}) {
  return mockApi([
    { method: 'GET', path: '/api/auth/me/', respond: json(200, person) },
    {
      method: 'PATCH',
      path: '/api/auth/me/',
      respond: async (request) => json(200, { ...person, ...(await request.json()) }),
    },
    { method: 'GET', path: NOTIFICATION_SETTINGS, respond: json(200, { notification_email: notificationEmail }) },
    { method: 'PATCH', path: NOTIFICATION_SETTINGS, respond: saveNotificationSettings },
  ]);
}

function patchesTo(fetchSpy: ReturnType<typeof mockApi>, path: string): Request[] {
  return requestsOf(fetchSpy).filter((request) => request.method === 'PATCH' && new URL(request.url).pathname === path);
}

async function patchBodies(fetchSpy: ReturnType<typeof mockApi>, path = '/api/auth/me/'): Promise<unknown[]> {
  return Promise.all(patchesTo(fetchSpy, path).map((request) => request.clone().json()));
}

async function notificationEmailSection(): Promise<HTMLElement> {
  await screen.findAllByRole('radio');
  return screen.getByRole('region', { name: i18n.t('account.notificationEmails.title') });
}

describe('AccountPage', () => {
  test('saving the name keeps a language chosen in the header meanwhile', async () => {
    const fetchSpy = mockMe();
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <LanguageSwitch />
        <AccountPage />
      </>,
    );
    const name = await screen.findByRole('textbox', { name: /Display name/ });

    await user.selectOptions(screen.getByTestId('language-switch'), 'km');
    await waitFor(async () => expect(await patchBodies(fetchSpy)).toEqual([{ preferred_language: 'km' }]));
    expect(screen.getByRole('combobox', { name: /ភាសាដែលចូលចិត្ត/ })).toHaveValue('km');

    await user.clear(name);
    await user.type(name, 'Dara S.');
    await user.click(screen.getByRole('button', { name: 'រក្សាទុក' }));

    await waitFor(async () => expect(await patchBodies(fetchSpy)).toHaveLength(2));
    expect((await patchBodies(fetchSpy))[1]).toEqual({ display_name: 'Dara S.' });
    expect(document.documentElement.lang).toBe('km');
    expect(screen.getByTestId('language-switch')).toHaveValue('km');
  });

  test('a language chosen in the form is saved and switches the page', async () => {
    const fetchSpy = mockMe();
    const user = userEvent.setup();
    renderWithProviders(<AccountPage />);

    await user.selectOptions(await screen.findByRole('combobox', { name: /Preferred language/ }), 'km');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(document.documentElement.lang).toBe('km'));
    expect(await patchBodies(fetchSpy)).toEqual([{ display_name: 'Dara Sok', preferred_language: 'km' }]);
    expect(await screen.findByRole('heading', { level: 2, name: 'ព័ត៌មានផ្ទាល់ខ្លួន' })).toBeInTheDocument();
  });

  describe('notification emails', () => {
    test('the saved choice is selected, each with its explanation', async () => {
      mockMe({ notificationEmail: 'daily' });
      renderWithProviders(<AccountPage />);

      const section = await notificationEmailSection();
      const group = within(section).getByRole('group', { name: 'How often should we email you?' });
      expect(within(group).getByRole('radio', { name: 'Daily digest' })).toBeChecked();
      expect(within(group).getByRole('radio', { name: 'Immediately' })).not.toBeChecked();
      expect(within(group).getByRole('radio', { name: 'No emails' })).not.toBeChecked();
      expect(within(group).getByRole('radio', { name: 'Daily digest' })).toHaveAccessibleDescription(
        /One email each morning, in your preferred language/,
      );
      expect(within(section).getByRole('status')).toBeEmptyDOMElement();
    });

    test('a new choice is saved, the form is held while saving, and "saved" is announced', async () => {
      let answer: (response: Response) => void = () => {};
      const fetchSpy = mockMe({
        notificationEmail: 'daily',
        saveNotificationSettings: () => new Promise<Response>((resolve) => (answer = resolve)),
      });
      const user = userEvent.setup();
      renderWithProviders(<AccountPage />);
      const section = await notificationEmailSection();

      await user.click(within(section).getByRole('radio', { name: 'Immediately' }));
      await user.click(within(section).getByRole('button', { name: 'Save email setting' }));

      await waitFor(() => expect(patchesTo(fetchSpy, NOTIFICATION_SETTINGS)).toHaveLength(1));
      expect(await patchBodies(fetchSpy, NOTIFICATION_SETTINGS)).toEqual([{ notification_email: 'immediate' }]);
      expect(within(section).getByRole('button', { name: 'Save email setting' })).toBeDisabled();
      for (const radio of within(section).getAllByRole('radio')) expect(radio).toBeDisabled();

      answer(json(200, { notification_email: 'immediate' }));

      await waitFor(() =>
        expect(within(section).getByRole('status')).toHaveTextContent('Your email setting has been saved.'),
      );
      expect(within(section).getByRole('radio', { name: 'Immediately' })).toBeChecked();
      expect(within(section).getByRole('radio', { name: 'Immediately' })).toBeEnabled();

      // Picking again means the page no longer shows what is saved.
      await user.click(within(section).getByRole('radio', { name: 'No emails' }));
      expect(within(section).getByRole('status')).toBeEmptyDOMElement();
    });

    test("the server's refusal is shown in the person's language and the choice is kept", async () => {
      await i18n.changeLanguage('km');
      const fetchSpy = mockMe({
        person: { ...me, preferred_language: 'km' },
        notificationEmail: 'immediate',
        // The server answers in the language the request asks for.
        saveNotificationSettings: (request) =>
          request.headers.get('Accept-Language') === 'km'
            ? json(400, { notification_email: ['ជម្រើសនេះមិនត្រឹមត្រូវទេ។'] })
            : json(400, { notification_email: ['This choice is not valid.'] }),
      });
      const user = userEvent.setup();
      renderWithProviders(<AccountPage />);
      const section = await notificationEmailSection();

      await user.click(within(section).getByRole('radio', { name: 'មិនផ្ញើអ៊ីមែល' }));
      await user.click(within(section).getByRole('button', { name: 'រក្សាទុកការកំណត់អ៊ីមែល' }));

      expect(await within(section).findByRole('alert')).toHaveTextContent('ជម្រើសនេះមិនត្រឹមត្រូវទេ។');
      expect(within(section).getByRole('group')).toHaveAccessibleDescription('ជម្រើសនេះមិនត្រឹមត្រូវទេ។');
      expect(within(section).getByRole('radio', { name: 'មិនផ្ញើអ៊ីមែល' })).toBeChecked();
      expect(within(section).getByRole('button', { name: 'រក្សាទុកការកំណត់អ៊ីមែល' })).toBeEnabled();
      expect(within(section).getByRole('status')).toBeEmptyDOMElement();
      expect(patchesTo(fetchSpy, NOTIFICATION_SETTINGS)).toHaveLength(1);
    });

    test('a server failure without a message gets a translated one', async () => {
      mockMe({ saveNotificationSettings: () => new Response('<h1>Bad gateway</h1>', { status: 502 }) });
      const user = userEvent.setup();
      renderWithProviders(<AccountPage />);
      const section = await notificationEmailSection();

      await user.click(within(section).getByRole('button', { name: 'Save email setting' }));

      expect(await within(section).findByRole('alert')).toHaveTextContent(i18n.t('errors.server'));
      expect(within(section).getByRole('radio', { name: 'Daily digest' })).toBeChecked();
    });
  });
});
