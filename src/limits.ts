/** Refuse before parsing: a questionnaire's answers or bank is never this big, an attack or a wrong file may be. */
export const MAX_INPUT_BYTES = 1024 * 1024;
