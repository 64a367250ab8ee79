// Unit tests of the typed errors: the message is `problem; hint`, and problem and hint stay apart on the error.
import { describe, expect, it } from 'vitest';
import { CommandFailedError, ConfigurationError, EdaOciError } from '../src/index.js';

describe('EdaOciError', () => {
  it('message is problem; hint, with problem and hint kept apart', () => {
    const e = new ConfigurationError("input 'x' is 'y'", 'give z');
    expect(e).toBeInstanceOf(EdaOciError);
    expect([e.message, e.problem, e.hint, e.name]).toEqual([
      "input 'x' is 'y'; give z",
      "input 'x' is 'y'",
      'give z',
      'ConfigurationError',
    ]);
  });

  it('without a hint the message is the problem', () => {
    const e = new EdaOciError('it broke');
    expect([e.message, e.problem, e.hint]).toEqual(['it broke', 'it broke', undefined]);
    expect(new EdaOciError('it broke', '').message).toBe('it broke');
  });

  it('subclasses with more fields keep the same shape', () => {
    const e = new CommandFailedError('git failed', 'git', ['status'], 1, null, 'fatal: x', 'check the repository');
    expect([e.message, e.problem, e.hint, e.stderr]).toEqual([
      'git failed; check the repository',
      'git failed',
      'check the repository',
      'fatal: x',
    ]);
  });
});
