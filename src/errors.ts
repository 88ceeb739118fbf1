import type { Diagnosis } from './diagnosis.js';

/**
 * Errors of the tool itself (not findings), each with a stable code: match on `code`, never on
 * the message. Codes are public API: added, never renamed.
 */
export const ERROR_CODES = {
  WHY401_E_USAGE: 'the command line, or the options of a call, are not valid',
  WHY401_E_INPUT: 'an input (key file, curl line, URL, finding id) cannot be used',
  WHY401_E_INTERNAL: 'an unexpected internal failure',
  WHY401_E_REFUSED:
    'the API refused the call (withWhy401 or the axios helper with `throw: true`): the diagnosis is on `error.diagnosis`',
} as const;

export type Why401ErrorCode = keyof typeof ERROR_CODES;

const BRAND = Symbol.for('why401.error');

export interface Why401ErrorOptions {
  readonly cause?: unknown;
  /** WHY401_E_REFUSED: why the call was refused (redacted, offline unless probes were asked for). */
  readonly diagnosis?: Diagnosis | undefined;
  /** WHY401_E_REFUSED from withWhy401: the refused answer, its body still unread. */
  readonly response?: Response | undefined;
}

/**
 * The one error class of why401. Thrown with `WHY401_E_USAGE` for invalid options (an unknown
 * provider id, a bad URL), `WHY401_E_INPUT` for an input that cannot be used (an unknown finding
 * id), and `WHY401_E_REFUSED` by withWhy401 and the axios helper with `throw: true`, carrying the
 * diagnosis. `instanceof` and `isWhy401Error` both work across duplicate copies of the package.
 */
export class Why401Error extends Error {
  readonly code: Why401ErrorCode;
  readonly diagnosis: Diagnosis | undefined;
  readonly response: Response | undefined;
  readonly [BRAND] = true;

  constructor(code: Why401ErrorCode, message: string, options: Why401ErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'Why401Error';
    this.code = code;
    this.diagnosis = options.diagnosis;
    this.response = options.response;
  }

  /** Another copy of the package made it: still a Why401Error (the brand is a registered symbol). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isWhy401Error(value);
  }
}

/** Works across duplicate copies of the package (the brand is a registered symbol). */
export function isWhy401Error(value: unknown): value is Why401Error {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

export function usageError(message: string): Why401Error {
  return new Why401Error('WHY401_E_USAGE', message);
}

export function inputError(message: string): Why401Error {
  return new Why401Error('WHY401_E_INPUT', message);
}
