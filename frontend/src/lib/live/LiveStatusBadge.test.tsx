import { render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { LiveStatusBadge } from './LiveStatusBadge';

describe('LiveStatusBadge', () => {
  test('shows every status, but only announces what matters', () => {
    const { rerender } = render(<LiveStatusBadge status="saved" />);
    const region = screen.getByRole('status');
    expect(screen.getByText('Saved')).toBeInTheDocument();

    rerender(<LiveStatusBadge status="saving" />);
    expect(screen.getByText('Saving…')).toBeInTheDocument();
    rerender(<LiveStatusBadge status="saved" />);
    // Saving and saved on every keystroke are not read out.
    expect(region).toHaveTextContent('');

    rerender(<LiveStatusBadge status="offline" />);
    expect(screen.getByText('Offline')).toBeInTheDocument();
    expect(region).toHaveTextContent(/You are offline/);

    rerender(<LiveStatusBadge status="saving" />);
    rerender(<LiveStatusBadge status="saved" />);
    expect(region).toHaveTextContent('All your changes are saved again.');

    rerender(<LiveStatusBadge status="denied" />);
    expect(screen.getByText('No access')).toBeInTheDocument();
    expect(region).toHaveTextContent('You no longer have access to this document.');
  });
});
