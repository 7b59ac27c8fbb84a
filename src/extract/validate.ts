/**
 * Input checks before any reading: the extractor is fed pasted text and uploaded files, so
 * empty, binary, oversized or mis-dated input is refused with the field at fault named.
 */
import { ValidationError } from '../core/errors.js';
import { validateIsoDay } from '../core/fuzzy-date.js';

export const MAX_TEXT_CHARS = 2_000_000;
/** Above this share of control or replacement characters a "text" is binary or mis-decoded. */
const MAX_CONTROL_SHARE = 0.02;

// eslint-disable-next-line no-control-regex
const BAD_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

function fail(path: 'text' | 'published', message: string): never {
  throw new ValidationError(`invalid ${path}: ${message}`, [{ path, message }]);
}

export function validateText(text: unknown): string {
  if (typeof text !== 'string') fail('text', 'must be a string');
  if (text.trim() === '') fail('text', 'is empty');
  if (text.length > MAX_TEXT_CHARS) fail('text', `is longer than ${MAX_TEXT_CHARS} characters`);
  if (text.includes('\u0000')) fail('text', 'looks like binary data (NUL characters)');
  let bad = 0;
  // Most texts have none at all: one native scan decides that before any counting.
  if (!BAD_CHAR.test(text)) return text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Tab, newline and carriage return are text; other C0 controls, DEL and U+FFFD are not.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127 || c === 0xfffd) bad++;
  }
  if (bad > 0 && bad / text.length > MAX_CONTROL_SHARE) fail('text', 'looks like binary or mis-decoded data (control or replacement characters)');
  return text;
}

/** `today` is passed in by the caller (YYYY-MM-DD) so that tests and replays are deterministic. */
export function validatePublished(published: unknown, today: string): string {
  if (typeof published !== 'string' || !validateIsoDay(published)) fail('published', 'must be a calendar day, YYYY-MM-DD');
  if (published > today) fail('published', `is in the future (after ${today})`);
  return published;
}

/** Today's date in UTC, read once at the boundary (never deep inside the rules). */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
