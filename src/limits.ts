/** Refuse before parsing: a questionnaire's answers or bank is never this big, an attack or a wrong file may be. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export const TOO_LARGE = `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; this is not an answers or bank file`;

/**
 * The longest answer the questionnaire takes for a text question, in characters: pages of text, far beyond a
 * reflection, yet small enough that a paste stays quick to draw and a saved answers file stays readable.
 */
export const MAX_TEXT_ANSWER = 20_000;
