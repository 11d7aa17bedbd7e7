/** "Now" as the value of a `datetime-local` input, in the browser's time zone (to the minute). */
export function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset(), 0, 0);
  return d.toISOString().slice(0, 16);
}
