import { describe, expect, it } from 'vitest';
import { ValidationError, VigilError } from '../core/errors.js';
import { CliError, exitCodeOf, formatError, Progress } from './io.js';

describe('Progress', () => {
  const sink = () => {
    let text = '';
    return { stderr: { write: (s: string) => void (text += s) }, text: () => text };
  };

  it('draws on a terminal, at most every 100 ms, and ends the line', async () => {
    const out = sink();
    let t = 0;
    const p = new Progress({ stderr: out.stderr, stderrIsTTY: true }, 'imported', () => t);
    t = 100;
    p.update(1);
    t = 150;
    p.update(2);
    t = 250;
    p.update(3);
    await p.finish(4);
    expect(out.text()).toBe('\rimported: 1\rimported: 3\rimported: 4\n');
  });

  it('stays silent when stderr is not a terminal', async () => {
    const out = sink();
    const p = new Progress({ stderr: out.stderr, stderrIsTTY: false }, 'exported', () => 1000);
    p.update(1);
    await p.finish(1);
    expect(out.text()).toBe('');
  });
});

describe('errors', () => {
  it('maps codes to exit statuses', () => {
    expect(exitCodeOf(new ValidationError('x', []))).toBe(2);
    expect(exitCodeOf(new VigilError('SOURCE_NOT_FOUND', 'x'))).toBe(2);
    expect(exitCodeOf(new VigilError('CONFLICT', 'x'))).toBe(1);
    expect(exitCodeOf(new CliError('FILE_UNREADABLE', 'x', 2))).toBe(2);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
  });

  it('does not print the message of an unexpected error, which may quote data', () => {
    const e = new Error('UNIQUE constraint failed: value Zarema');
    expect(formatError(e)).toBe('error: INTERNAL: unexpected Error (set VIGIL_DEBUG=1 for details)\n');
    expect(formatError(e, true)).toContain('Zarema');
  });
});
