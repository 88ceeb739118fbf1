/** Errors of the tool itself (not findings), each with a stable code. */

export const ERROR_CODES = {
  WHY401_E_USAGE: 'the command line is not valid',
  WHY401_E_INPUT: 'an input (key file, curl line, URL) cannot be used',
  WHY401_E_INTERNAL: 'an unexpected internal failure',
} as const;

export type Why401ErrorCode = keyof typeof ERROR_CODES;

const BRAND = Symbol.for('why401.error');

export class Why401Error extends Error {
  readonly code: Why401ErrorCode;
  readonly [BRAND] = true;

  constructor(code: Why401ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Why401Error';
    this.code = code;
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
