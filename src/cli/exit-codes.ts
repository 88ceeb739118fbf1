/** shared/spec/cli.md: the exit codes scripts rely on. */
export const EXIT = {
  accepted: 0,
  problem: 1,
  usage: 2,
  unreachable: 3,
  internal: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
