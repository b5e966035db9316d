import {
  createPrompt,
  isBackspaceKey,
  isEnterKey,
  useEffect,
  useKeypress,
  useRef,
  useState,
} from '@inquirer/core';
import type { InputStream, PromptOutput } from '../io.js';
import { MAX_TEXT_ANSWER } from '../limits.js';
import type { Style } from '../render/style.js';
import { wrap } from '../render/wrap.js';
import type { PromptResult } from './choice-prompt.js';
import { backLine, keyHint, questionLines, type Width, widthOf } from './frame.js';
import { typedRuns } from './typed-runs.js';

// One question answered in words. Enter answers (an empty line skips); on an empty line, ← or Backspace goes to
// the question before. An earlier answer is there to edit.

export interface TextConfig {
  message: string;
  initial?: string | undefined;
  canGoBack: boolean;
  /** True, or what is wrong with the text (shown, and the prompt stays). */
  validate?: (text: string) => true | string;
  style: Style;
  width: Width;
}

export const textPrompt = createPrompt<PromptResult, TextConfig>((config, done) => {
  const { style } = config;
  const width = widthOf(config.width);
  const [value, setValue] = useState('');
  const [result, setResult] = useState<PromptResult | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  /** The line before the key that was just pressed: Backspace on an empty line means back, not delete. */
  const before = useRef('');

  useEffect((rl) => {
    if (config.initial) {
      rl.write(config.initial);
      setValue(config.initial);
      before.current = config.initial;
    }
  }, []);

  useKeypress((key, rl) => {
    if (result) return;
    const previous = before.current;
    before.current = rl.line;
    if (isEnterKey(key)) {
      // readline has emptied its line by now: the answer is the line as last seen (a paste and Enter can come
      // together, before the prompt has drawn the paste).
      const text = previous.trim();
      const verdict = config.validate?.(text) ?? true;
      if (verdict !== true) {
        // readline emptied the line: put the text back to be fixed.
        rl.write(previous);
        before.current = previous;
        setProblem(verdict);
        return;
      }
      const answer: PromptResult = text === '' ? { type: 'skip' } : { type: 'answer', value: text };
      setResult(answer);
      done(answer);
      return;
    }
    if (
      config.canGoBack &&
      previous === '' &&
      rl.line === '' &&
      (key.name === 'left' || isBackspaceKey(key))
    ) {
      setResult({ type: 'back' });
      done({ type: 'back' });
      return;
    }
    setValue(rl.line);
    setProblem(undefined);
  });

  if (result) {
    if (result.type === 'back') return backLine(style);
    const shown = result.type === 'answer' ? String(result.value) : 'skipped';
    return questionLines(`${config.message} › ${shown}`, style, width, true);
  }
  const keys = ['Enter answers (an empty line skips)'];
  if (config.canGoBack) keys.push('← or Backspace on an empty line: back');
  // The typed line comes last and alone: the prompt library puts the cursor at its end.
  return [
    `${questionLines(config.message, style, width, false)}\n${style.asked('›')} ${value}`,
    problem ? style.warn(wrap(problem, width, '  ')) : keyHint(keys, style, width),
  ];
});

/**
 * The text prompt on a terminal's keys, with a paste taken as one key (see typedRuns): a long answer is kept up
 * to MAX_TEXT_ANSWER characters, and the person is told when it was cut.
 */
export async function askText(
  config: TextConfig,
  ctx: { input: InputStream; output: PromptOutput; signal?: AbortSignal },
): Promise<PromptResult> {
  const keys = typedRuns(ctx.input, MAX_TEXT_ANSWER);
  try {
    const result = await textPrompt(config, {
      input: keys.input,
      output: ctx.output,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    if (keys.truncated) {
      ctx.output.write(
        config.style.dim(
          `  Kept the first ${MAX_TEXT_ANSWER.toLocaleString('en')} characters of that answer.\n`,
        ),
      );
    }
    return result;
  } finally {
    keys.release();
  }
}
