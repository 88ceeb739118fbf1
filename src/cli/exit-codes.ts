/** shared/spec/cli.md: the exit codes scripts rely on. */
export const EXIT = {
  accepted: 0,
  problem: 1,
  usage: 2,
  unreachable: 3,
  internal: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of a diagnosis: 0 accepted, 3 no HTTP answer, 1 refused or inconclusive. */
export function exitOfVerdict(status: 'accepted' | 'rejected' | 'unreachable' | 'inconclusive') {
  return status === 'accepted'
    ? EXIT.accepted
    : status === 'unreachable'
      ? EXIT.unreachable
      : EXIT.problem;
}
