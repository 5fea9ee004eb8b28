// Methods a test called on a stub client without stubbing them. The UI often turns a
// failed request into a message on screen, so a call the test did not foresee would go
// unnoticed; the setup fails the test after it instead.
const calls: string[] = [];

export function recordUnstubbed(name: string): void {
  calls.push(name);
}

/** The unstubbed methods called since the last time, and forgets them. */
export function takeUnstubbed(): string[] {
  return calls.splice(0, calls.length);
}
