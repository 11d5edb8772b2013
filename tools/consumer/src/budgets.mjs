/** Unpacked size budgets (issue 12): what `npm install` puts on a user's disk for each package, in bytes. */
export const UNPACKED_BUDGETS = {
  '@ensdk/client': 1.5 * 1024 * 1024,
  '@ensdk/errors': 600 * 1024,
  '@ensdk/proxy': 500 * 1024,
};
