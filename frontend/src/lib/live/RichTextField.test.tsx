import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { RichTextField } from './RichTextField';
import { createTestSession } from './testing';

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

describe('RichTextField', () => {
  test('shows the shared prose, follows remote edits, and offers a labelled toolbar', async () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('goal');
    fragment.insert(0, [paragraph('All children learn together.')]);
    render(<RichTextField fragment={fragment} session={createTestSession({ ydoc: doc })} label="Goal" readOnly={false} />);

    const editor = await screen.findByRole('textbox', { name: 'Goal' });
    await waitFor(() => expect(editor).toHaveTextContent('All children learn together.'));
    expect(editor).toHaveAttribute('contenteditable', 'true');

    act(() => {
      doc.transact(() => fragment.insert(1, [paragraph('By 2030.')]), 'remote');
    });
    await waitFor(() => expect(editor).toHaveTextContent('By 2030.'));

    const toolbar = screen.getByRole('toolbar', { name: 'Formatting for Goal' });
    for (const name of ['Bold', 'Italic', 'Heading', 'Subheading', 'Bulleted list', 'Numbered list', 'Link']) {
      expect(within(toolbar).getByRole('button', { name })).toHaveAttribute('aria-pressed', 'false');
    }
    // One tab stop: the arrow keys move along the toolbar.
    const bold = within(toolbar).getByRole('button', { name: 'Bold' });
    bold.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(within(toolbar).getByRole('button', { name: 'Italic' })).toHaveFocus();

    await userEvent.click(within(toolbar).getByRole('button', { name: 'Link' }));
    expect(screen.getByRole('textbox', { name: 'Link address' })).toBeInTheDocument();
  });

  test('read only: no toolbar and the text cannot be edited', async () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('goal');
    fragment.insert(0, [paragraph('Fixed text.')]);
    render(<RichTextField fragment={fragment} session={createTestSession({ ydoc: doc, mode: 'read' })} label="Goal" readOnly />);
    const editor = await screen.findByRole('textbox', { name: 'Goal' });
    await waitFor(() => expect(editor).toHaveTextContent('Fixed text.'));
    expect(editor).toHaveAttribute('contenteditable', 'false');
    expect(editor).toHaveAttribute('aria-readonly', 'true');
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
  });
});
