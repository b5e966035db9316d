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
