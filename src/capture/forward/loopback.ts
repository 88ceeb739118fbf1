/** NO_PROXY entries for the loopback, as collect/proxy-env.ts reads them (name, block, address). */
const LOOPBACK = ['localhost', '127.0.0.0/8', '::1'];

/**
 * The user's environment as the forward proxy reads it to go on through a proxy of theirs, with
 * the loopback added to NO_PROXY: Java's and Ruby's loopback calls now reach the run's proxy,
 * and a proxy elsewhere cannot reach this machine's 127.0.0.1 (Java, Ruby and Go would never
 * have sent them there). The variable read first (lower case when set) carries the entries.
 */
export function withLoopbackDirect(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const lower = env['no_proxy']?.trim();
  const users = lower ? lower : (env['NO_PROXY']?.trim() ?? '');
  const value = [users, ...LOOPBACK].filter((entry) => entry !== '').join(',');
  return { ...env, no_proxy: value, NO_PROXY: value };
}
