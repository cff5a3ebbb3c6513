import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { describe, expect, test } from 'vitest';
import { ApiError } from './api';
import { usePageParam, useSearchInput, useStepBackFromMissingPage } from './searchParams';

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function SearchBox() {
  const { text, setText, value } = useSearchInput('search', 20);
  const navigate = useNavigate();
  return (
    <>
      <input aria-label="Search" value={text} onChange={(event) => setText(event.target.value)} />
      <output data-testid="value">{value}</output>
      <button onClick={() => void navigate(-1)}>Back</button>
      <Location />
    </>
  );
}

const pause = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));

describe('useSearchInput', () => {
  test('writes the typed text to the URL after a pause', async () => {
    const user = userEvent.setup();
    render(
      <MemoryRouter initialEntries={['/people?page=3']}>
        <SearchBox />
      </MemoryRouter>,
    );
    await user.type(screen.getByRole('textbox', { name: 'Search' }), 'dara ');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('?search=dara'));
    // The trailing space stays in the box while the person types on.
    expect(screen.getByRole('textbox', { name: 'Search' })).toHaveValue('dara ');
  });

  test('shows the URL again when it changes from outside (Back), without writing the old text back', async () => {
    const user = userEvent.setup();
    render(
      <MemoryRouter initialEntries={['/people?search=da', '/people?search=dara']} initialIndex={1}>
        <SearchBox />
      </MemoryRouter>,
    );
    const box = screen.getByRole('textbox', { name: 'Search' });
    expect(box).toHaveValue('dara');

    await user.click(screen.getByRole('button', { name: 'Back' }));

    expect(box).toHaveValue('da');
    await pause(80);
    expect(screen.getByTestId('location')).toHaveTextContent('?search=da');
    expect(screen.getByTestId('value')).toHaveTextContent(/^da$/);
  });
});

function Pager({ failing }: { failing: (page: number) => boolean }) {
  const [page, setPage] = usePageParam();
  const error = failing(page) ? new ApiError({ status: 404, message: 'Invalid page.' }) : null;
  const stepping = useStepBackFromMissingPage(error, page, setPage);
  return (
    <>
      <p>{stepping ? 'Stepping back' : `Page ${page}`}</p>
      <Location />
    </>
  );
}

describe('useStepBackFromMissingPage', () => {
  test('steps back from a page the server no longer has', async () => {
    render(
      <MemoryRouter initialEntries={['/orgs?search=x&page=3']}>
        <Pager failing={(page) => page > 1} />
      </MemoryRouter>,
    );
    expect(await screen.findByText('Page 1')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('?search=x');
  });

  test('leaves page 1 and other errors to the page', () => {
    render(
      <MemoryRouter initialEntries={['/orgs']}>
        <Pager failing={() => true} />
      </MemoryRouter>,
    );
    expect(screen.getByText('Page 1')).toBeInTheDocument();
  });
});
