/**
 * Marks a JSON file as checkBank's output, written at build time (scripts/build.mjs), in this layout. A module
 * of its own, so reading the compiled bank does not load the schemas that made it.
 */
export const COMPILED_BANK_FORMAT = 'who-failed-whom checked bank, 1';
