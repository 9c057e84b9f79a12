/** Counts user-perceived code points, not UTF-16 units, so an emoji counts once. */
export const lengthInCharacters = (value: string): number => {
  let count = 0;
  for (const _ of value) count++;
  return count;
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const hasControlCharacters = (value: string): boolean => CONTROL.test(value);
