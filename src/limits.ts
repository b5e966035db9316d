/** Refuse before parsing: a questionnaire's answers or bank is never this big, an attack or a wrong file may be. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export const TOO_LARGE = `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; this is not an answers or bank file`;
