/**
 * The X-Ray trace header of the current invocation (Lambda sets `_X_AMZN_TRACE_ID` per invocation when
 * active tracing is on); adapters that propagate traces take this function, not the environment.
 */
export const currentTraceHeader = (): string | undefined => process.env._X_AMZN_TRACE_ID || undefined;
