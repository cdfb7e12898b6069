/** Turns an Ink keypress into the key name the key table uses. */
import type { Key } from 'ink';

export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return || input === '\r' || input === '\n') return 'return';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
  return input;
}

/** The text a keypress types ('' for named keys and control keys): what the search line takes. */
export function typedText(input: string, key: Key): string {
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return '';
  if (key.return || key.escape || key.tab || key.backspace || key.delete || key.ctrl || key.meta) return '';
  return /[\u0000-\u001f\u007f]/.test(input) ? '' : input;
}

/**
 * Keys typed faster than they are read (or pasted) arrive as one string: split it into one
 * key per character, control characters named as the key table names them.
 */
export function splitKeys(input: string): { name: string; text: string }[] {
  return Array.from(input).map((ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === '\r' || ch === '\n') return { name: 'return', text: '' };
    if (ch === '\t') return { name: 'tab', text: '' };
    if (ch === '\u007f') return { name: 'delete', text: '' };
    if (ch === '\b') return { name: 'backspace', text: '' };
    if (ch === '\u001b') return { name: 'escape', text: '' };
    if (code < 0x20) return { name: `ctrl+${String.fromCharCode(code + 96)}`, text: '' };
    return { name: ch, text: ch };
  });
}
