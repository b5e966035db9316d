/** The few ways text is styled; renderers take one of these so they stay pure and testable without colour. */
export interface Style {
  heading(text: string): string;
  dim(text: string): string;
  strong(text: string): string;
  asked(text: string): string;
  given(text: string): string;
  good(text: string): string;
  warn(text: string): string;
}

const same = (text: string) => text;
export const plainStyle: Style = {
  heading: same,
  dim: same,
  strong: same,
  asked: same,
  given: same,
  good: same,
  warn: same,
};

// These match control characters on purpose; biome.json turns that lint off for this file alone.
const CSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]/g;
const OSC_SEQUENCE = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
const OTHER_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Strips terminal control sequences and other C0/C1 controls (keeping tab and newline) from user text. */
export function sanitize(text: string): string {
  return text.replace(CSI_SEQUENCE, '').replace(OSC_SEQUENCE, '').replace(OTHER_CONTROLS, '');
}
