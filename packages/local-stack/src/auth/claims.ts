const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number) => String(value).padStart(2, '0');

/** `Mon Dec 01 10:00:00 UTC 2025`: how API Gateway renders a Cognito token's time claims. */
export const javaDateString = (date: Date): string =>
  `${DAYS[date.getUTCDay()]!} ${MONTHS[date.getUTCMonth()]!} ${two(date.getUTCDate())} ` +
  `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
