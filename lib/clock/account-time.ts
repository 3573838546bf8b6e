/**
 * An account's time from its clock state (lifecycle.md, Time), pure: the test clock when
 * one is attached; otherwise real time, but never before the latest time the account
 * lived at under a clock it had (detaching and attaching again never moves time back).
 */
export function resolveAccountTime(state: { clock: Date | null; mark: Date | null }, real: Date): Date {
  if (state.clock) return state.clock;
  return state.mark && state.mark.getTime() > real.getTime() ? state.mark : real;
}

/**
 * The earliest instant a new test clock may start at: not before the account was
 * registered, and, once it had a clock, not before its current time (the high-water mark
 * of the clock it had, or real time since then, whichever is later).
 */
export function earliestClockStart(input: { registeredAt: Date; mark: Date | null; real: Date }): { at: Date; reason: 'registration' | 'latest-time' } {
  if (!input.mark) return { at: input.registeredAt, reason: 'registration' };
  const latest = resolveAccountTime({ clock: null, mark: input.mark }, input.real);
  return latest.getTime() >= input.registeredAt.getTime() ? { at: latest, reason: 'latest-time' } : { at: input.registeredAt, reason: 'registration' };
}
