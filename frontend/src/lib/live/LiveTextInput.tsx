import {
  useCallback,
  useId,
  useLayoutEffect,
  useRef,
  type CompositionEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import type * as Y from 'yjs';
import { diffText, mapEdit, mapPosition, type TextDelta, type TextEdit } from './textDiff';
import type { LiveText } from './types';

export interface LiveTextInputProps {
  text: LiveText;
  /** The accessible name (aria-label); shown above the field too when `showLabel` is set. */
  label: string;
  multiline?: boolean;
  readOnly: boolean;
  onFocusChange?: (focused: boolean) => void;
  placeholder?: string;
  className?: string;
  /** Show `label` as a visible <label> above the field (otherwise the caller shows its own heading). */
  showLabel?: boolean;
  id?: string;
  /** Keys the caller handles (e.g. Enter to add a sibling in the tree outline). */
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  /** Forwarded to the element, e.g. to focus it after adding a node. */
  inputRef?: (element: HTMLInputElement | HTMLTextAreaElement | null) => void;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * An <input> or <textarea> bound to a Y.Text. Typing applies the smallest edit (one replaced
 * range) to the shared text, so two people typing in the same field both keep their words;
 * remote edits update the field in place and move the caret with the text around it. During
 * IME composition (common for Khmer) the field is left alone and the composed text is applied
 * when composition ends, moved past whatever arrived meanwhile.
 */
export function LiveTextInput({
  text,
  label,
  multiline = false,
  readOnly,
  onFocusChange,
  placeholder,
  className,
  showLabel = false,
  id,
  onKeyDown,
  inputRef,
}: LiveTextInputProps) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  const element = useRef<Field | null>(null);
  /** What the field shows, as far as the shared text is concerned. */
  const shown = useRef('');
  /** Set while an IME composes: the text before it started and the remote changes since. */
  const composing = useRef<{ base: string; deltas: TextDelta[] } | null>(null);
  // Our own transactions carry this origin, so the observer can skip them (the field already shows them).
  const origin = useRef({});

  const setRef = useCallback(
    (node: Field | null) => {
      element.current = node;
      inputRef?.(node);
    },
    [inputRef],
  );

  useLayoutEffect(() => {
    const field = element.current;
    if (!field) return;
    field.value = text.toString();
    shown.current = field.value;
    composing.current = null;

    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === origin.current) return;
      const delta = event.delta as TextDelta;
      if (composing.current) {
        composing.current.deltas.push(delta);
        return;
      }
      const target = element.current;
      if (!target) return;
      const focused = target.ownerDocument.activeElement === target;
      const { selectionStart, selectionEnd, selectionDirection } = target;
      const next = text.toString();
      target.value = next;
      shown.current = next;
      if (focused && selectionStart !== null && selectionEnd !== null) {
        const collapsed = selectionStart === selectionEnd;
        // A collapsed caret stays before text inserted right at it (our typing continues where it was).
        const start = mapPosition(selectionStart, delta, collapsed ? -1 : 1);
        const end = collapsed ? start : Math.max(start, mapPosition(selectionEnd, delta, -1));
        target.setSelectionRange(start, end, selectionDirection ?? undefined);
      }
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  function apply(edit: TextEdit): void {
    const doc = text.doc;
    const run = () => {
      if (edit.remove > 0) text.delete(edit.index, edit.remove);
      if (edit.insert) text.insert(edit.index, edit.insert);
    };
    if (doc) doc.transact(run, origin.current);
    else run();
  }

  function onInput(event: FormEvent<Field>) {
    const field = event.currentTarget;
    if (composing.current || (event.nativeEvent as InputEvent).isComposing) return;
    const edit = diffText(shown.current, field.value, field.selectionEnd ?? undefined);
    shown.current = field.value;
    if (edit) apply(edit);
  }

  function onCompositionStart() {
    composing.current = { base: shown.current, deltas: [] };
  }

  function onCompositionEnd(event: CompositionEvent<Field>) {
    const field = event.currentTarget;
    const state = composing.current;
    composing.current = null;
    if (!state) return;
    let edit = diffText(state.base, field.value, field.selectionEnd ?? undefined);
    if (edit) {
      for (const delta of state.deltas) edit = mapEdit(edit, delta);
      apply(edit);
    }
    if (state.deltas.length) {
      // Others changed the text while we composed: show the merged text, caret after our words.
      const next = text.toString();
      field.value = next;
      const caret = edit ? edit.index + edit.insert.length : Math.min(field.selectionEnd ?? next.length, next.length);
      if (field.ownerDocument.activeElement === field) field.setSelectionRange(caret, caret);
    }
    shown.current = field.value;
  }

  const common = {
    id: fieldId,
    ref: setRef,
    className: ['input', multiline ? 'textarea' : null, 'live-text', className].filter(Boolean).join(' '),
    'aria-label': showLabel ? undefined : label,
    readOnly,
    placeholder,
    defaultValue: text.toString(),
    onInput,
    onCompositionStart,
    onCompositionEnd,
    onFocus: () => onFocusChange?.(true),
    onBlur: () => onFocusChange?.(false),
    onKeyDown,
    spellCheck: true,
  };

  const field = multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />;
  if (!showLabel) return field;
  return (
    <div className="field">
      <label className="field-label" htmlFor={fieldId}>
        {label}
      </label>
      {field}
    </div>
  );
}
