import { parseDaemonAddress, type DaemonAddress } from '../observability/xray-daemon';

/** The part of EnvReader this reader uses (declared here: env.ts imports this file). */
interface TracingEnv {
  optionalString(name: string): string | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  problem(message: string): void;
}

export const TRACING_MODES = ['off', 'xray', 'log'] as const;

/** How a function traces: to the X-Ray daemon (Lambda), as log lines (local development), or not at all. */
export type TracingConfig =
  | { readonly mode: 'off' }
  | { readonly mode: 'xray'; readonly daemon: DaemonAddress }
  | { readonly mode: 'log' };

/**
 * TRACING (off | xray | log) and AWS_XRAY_DAEMON_ADDRESS. Without TRACING a function traces to the X-Ray
 * daemon when Lambda names one (it does whenever active tracing is on), and not at all elsewhere.
 */
export const readTracingConfig = (env: TracingEnv): TracingConfig => {
  const address = env.optionalString('AWS_XRAY_DAEMON_ADDRESS');
  const mode = env.oneOf('TRACING', TRACING_MODES, address === undefined ? 'off' : 'xray');
  if (mode !== 'xray') return { mode };
  const daemon = address === undefined ? undefined : parseDaemonAddress(address);
  if (daemon === undefined) {
    env.problem(
      `AWS_XRAY_DAEMON_ADDRESS must be host:port or udp:host:port when TRACING is xray (got "${address ?? ''}")`,
    );
    return { mode: 'off' };
  }
  return { mode, daemon };
};
