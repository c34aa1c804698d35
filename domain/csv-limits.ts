// How much one CSV file sent to the API may hold (a cycle's registrations, a
// province's contacts). The API refuses more; the CLI and the web app check
// the same bounds before sending, so a person learns it before the upload.

/** The largest file, in bytes: 1 MiB. */
export const CSV_MAX_BYTES = 1024 * 1024;

/** The most data rows one file may hold: a province registers a few hundred products a year. */
export const CSV_MAX_ROWS = 2000;
