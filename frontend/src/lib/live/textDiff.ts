/**
 * Minimal edits between two strings (one replaced range), and moving a caret through a Y.Text
 * delta. Enough for a text field: people type, paste or delete one range at a time.
 */

export interface TextEdit {
  /** Where the replaced range starts. */
  index: number;
  /** How many characters of the old text are removed. */
  remove: number;
  /** What is inserted in their place. */
  insert: string;
}

/**
 * The single range that turns `before` into `after`. `caret` (where the caret is in `after`)
 * decides between equally short answers: typing "a" into "aa" at the start is an insert at 0.
 */
export function diffText(before: string, after: string, caret?: number): TextEdit | null {
  if (before === after) return null;
  const maxPrefix = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  // The edit cannot end after the caret: cap the common prefix there.
  if (caret !== undefined && caret >= 0) {
    const insertedLength = after.length - before.length;
    prefix = Math.min(prefix, Math.max(0, caret - Math.max(0, insertedLength)));
  }
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (
    suffix < maxSuffix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix += 1;
  }
  let index = prefix;
  let end = before.length - suffix;
  let insertEnd = after.length - suffix;
  // Never split a surrogate pair (emoji, rare scripts): widen the range to whole code points.
  if (index > 0 && isLowSurrogate(before.charCodeAt(index)) && isHighSurrogate(before.charCodeAt(index - 1))) {
    index -= 1;
  }
  if (end < before.length && isLowSurrogate(before.charCodeAt(end)) && isHighSurrogate(before.charCodeAt(end - 1))) {
    end += 1;
    insertEnd += 1;
  }
  return { index, remove: end - index, insert: after.slice(index, insertEnd) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A Y.Text change as Yjs reports it (event.delta). */
export type TextDelta = ReadonlyArray<{ insert?: unknown; delete?: number; retain?: number }>;

/**
 * Where position `pos` ends up after `delta`. `assoc` < 0 keeps it before text inserted exactly
 * at `pos` (the start of a selection), otherwise it moves after it.
 */
export function mapPosition(pos: number, delta: TextDelta, assoc = 1): number {
  let oldIndex = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      oldIndex += op.retain;
      if (oldIndex > pos) break;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldIndex < pos || (oldIndex === pos && assoc > 0)) shift += length;
      else break;
    } else if (op.delete !== undefined) {
      const deleteEnd = oldIndex + op.delete;
      if (deleteEnd <= pos) shift -= op.delete;
      else if (oldIndex < pos) shift -= pos - oldIndex;
      oldIndex = deleteEnd;
      if (oldIndex > pos) break;
    }
  }
  return Math.max(0, pos + shift);
}

/** The same edit, after other changes (`delta`) were made to the text it was meant for. */
export function mapEdit(edit: TextEdit, delta: TextDelta): TextEdit {
  const start = mapPosition(edit.index, delta, -1);
  const end = edit.remove === 0 ? start : Math.max(start, mapPosition(edit.index + edit.remove, delta, 1));
  return { index: start, remove: end - start, insert: edit.insert };
}
