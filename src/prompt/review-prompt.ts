import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isUpKey,
  useKeypress,
  usePagination,
  useState,
} from '@inquirer/core';
import type { Style } from '../render/style.js';
import { wrap } from '../render/wrap.js';
import { backLine, HIDE_CURSOR, keyHint, questionLines, type Width, widthOf } from './frame.js';

// The last screen before scoring: every answer, one line each; Enter on the first line (where the cursor starts)
// scores, Enter on an answer changes it, ← goes back to the last question.

export interface ReviewConfig {
  message: string;
  /** Each question and its answer, in words. */
  entries: readonly string[];
  scoreLabel: string;
  style: Style;
  width: Width;
  pageSize: number;
}

export type ReviewResult = { type: 'score' } | { type: 'change'; index: number } | { type: 'back' };

export const reviewPrompt = createPrompt<ReviewResult, ReviewConfig>((config, done) => {
  const { style } = config;
  const width = widthOf(config.width);
  const items = [config.scoreLabel, ...config.entries];
  const [active, setActive] = useState(0);
  const [result, setResult] = useState<ReviewResult | undefined>(undefined);
  const finish = (value: ReviewResult) => {
    setResult(value);
    done(value);
  };

  useKeypress((key) => {
    if (result) return;
    if (isUpKey(key)) setActive(Math.max(0, active - 1));
    else if (isDownKey(key)) setActive(Math.min(items.length - 1, active + 1));
    else if (key.name === 'left' || isBackspaceKey(key)) finish({ type: 'back' });
    else if (isEnterKey(key))
      finish(active === 0 ? { type: 'score' } : { type: 'change', index: active - 1 });
  });

  if (result) {
    if (result.type === 'back') return backLine(style);
    const said = result.type === 'score' ? config.scoreLabel : `change ${result.index + 1}`;
    return questionLines(`${config.message} › ${said}`, style, width, true);
  }
  const page = usePagination({
    items,
    active,
    pageSize: config.pageSize,
    loop: false,
    renderItem: ({ item, isActive }) => {
      // A wrapped answer lines up under its text, past its number ("9. " or "19. ").
      const number = /^\d+\. /.exec(item)?.[0].length ?? 0;
      const line = wrap(item, width, isActive ? '❯ ' : '  ', ' '.repeat(2 + number));
      return isActive ? style.asked(line) : line;
    },
  });
  const keys = ['Enter on an answer changes it', 'Enter on the first line scores', '← back'];
  return `${questionLines(config.message, style, width, false)}\n${page}\n${keyHint(keys, style, width)}${HIDE_CURSOR}`;
});
