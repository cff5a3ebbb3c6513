import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { LiveTextInput } from './LiveTextInput';

function setup(initial: string, props: { multiline?: boolean; readOnly?: boolean } = {}) {
  const doc = new Y.Doc();
  const text = doc.getText('label');
  text.insert(0, initial);
  const deltas: unknown[] = [];
  text.observe((event) => deltas.push(event.delta));
  render(<LiveTextInput text={text} label="Cause 1" readOnly={props.readOnly ?? false} multiline={props.multiline} />);
  const input = screen.getByRole('textbox', { name: 'Cause 1' }) as HTMLInputElement;
  return { doc, text, deltas, input };
}

describe('LiveTextInput', () => {
  test('typing inserts only what was typed', async () => {
    const { text, deltas, input } = setup('Hello');
    await userEvent.type(input, ' world');
    expect(text.toString()).toBe('Hello world');
    expect(deltas).toHaveLength(6);
    expect(deltas[0]).toEqual([{ retain: 5 }, { insert: ' ' }]);
    expect(deltas.every((delta) => !(delta as { delete?: number }[]).some((op) => op.delete))).toBe(true);
  });

  test('replacing a selection deletes and inserts just that range', () => {
    const { text, deltas, input } = setup('No ramps at school');
    input.setSelectionRange(3, 8);
    fireEvent.input(input, { target: { value: 'No toilets at school' } });
    expect(text.toString()).toBe('No toilets at school');
    expect(deltas).toEqual([[{ retain: 3 }, { delete: 4 }, { insert: 'toilet' }]]);
  });

  test('a remote edit before the caret keeps the caret on the same letter', () => {
    const { doc, text, input } = setup('Hello world');
    input.focus();
    input.setSelectionRange(5, 5);
    act(() => {
      doc.transact(() => text.insert(0, 'Oh, '), 'remote');
    });
    expect(input.value).toBe('Oh, Hello world');
    expect(input.selectionStart).toBe(9);
    expect(input.selectionEnd).toBe(9);
  });

  test('a remote edit after the caret leaves the caret where it is', () => {
    const { doc, text, input } = setup('Hello world');
    input.focus();
    input.setSelectionRange(2, 4);
    act(() => {
      doc.transact(() => text.delete(6, 5), 'remote');
    });
    expect(input.value).toBe('Hello ');
    expect([input.selectionStart, input.selectionEnd]).toEqual([2, 4]);
  });

  test('text composed with an IME is applied when composition ends, after remote edits', () => {
    const { doc, text, input } = setup('ក');
    input.focus();
    input.setSelectionRange(1, 1);
    fireEvent.compositionStart(input);
    // The IME shows its text in the field; meanwhile someone adds a word at the start.
    input.value = 'កា';
    fireEvent.input(input, { target: { value: 'កា' }, isComposing: true });
    act(() => {
      doc.transact(() => text.insert(0, 'ខ '), 'remote');
    });
    expect(text.toString()).toBe('ខ ក');
    fireEvent.compositionEnd(input);
    expect(text.toString()).toBe('ខ កា');
    expect(input.value).toBe('ខ កា');
  });

  test('read only fields show the text and cannot be typed in', async () => {
    const { text, input } = setup('Fixed', { readOnly: true });
    expect(input).toHaveAttribute('readonly');
    await userEvent.type(input, 'x');
    expect(text.toString()).toBe('Fixed');
  });

  test('a multiline field is a textarea', () => {
    const { input } = setup('Line', { multiline: true });
    expect(input.tagName).toBe('TEXTAREA');
  });
});
