import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isUpKey,
  useKeypress,
  useState,
} from '@inquirer/core';
import type { AnswerValue } from '../core/types.js';
import type { Style } from '../render/style.js';
import { wrap } from '../render/wrap.js';
import { backLine, HIDE_CURSOR, keyHint, questionLines, type Width, widthOf } from './frame.js';

// One scale or choice question: arrows and Enter, a number key for the point it names (at once, no Enter), ←
// or Backspace for the question before, ? for the question's help.

export interface ChoiceOption {
  label: string;
  value: AnswerValue;
  /** The digit that picks it, when every option has one. */
  key?: string;
  /** Shown under the list while the option is highlighted. */
  description?: string;
}

export interface ChoiceConfig {
  message: string;
  options: readonly ChoiceOption[];
  /** The answer given before (going back, resuming): the cursor starts there. */
  initial?: AnswerValue | undefined;
  help?: string | undefined;
  canGoBack: boolean;
  /** Offer "Skip this one" (the default). */
  skippable?: boolean;
  style: Style;
  width: Width;
}

export type PromptResult = { type: 'answer'; value: AnswerValue } | { type: 'skip' } | { type: 'back' };

type Item = { kind: 'option'; option: ChoiceOption } | { kind: 'help' } | { kind: 'skip' };

export const choicePrompt = createPrompt<PromptResult, ChoiceConfig>((config, done) => {
  const { options, style } = config;
  const width = widthOf(config.width);
  const items: Item[] = [
    ...options.map((option) => ({ kind: 'option' as const, option })),
    ...(config.help ? [{ kind: 'help' as const }] : []),
    ...(config.skippable === false ? [] : [{ kind: 'skip' as const }]),
  ];
  const start = options.findIndex((o) => o.value === config.initial);
  const [active, setActive] = useState(Math.max(0, start));
  const [showHelp, setShowHelp] = useState(false);
  const [result, setResult] = useState<PromptResult | undefined>(undefined);

  const finish = (value: PromptResult) => {
    setResult(value);
    done(value);
  };

  useKeypress((key) => {
    if (result) return;
    const option = options.find((o) => o.key !== undefined && o.key === key.name);
    if (option) finish({ type: 'answer', value: option.value });
    else if (isUpKey(key)) setActive(Math.max(0, active - 1));
    else if (isDownKey(key)) setActive(Math.min(items.length - 1, active + 1));
    else if ((key.name === 'left' || isBackspaceKey(key)) && config.canGoBack) finish({ type: 'back' });
    else if (key.name === '?' || (key as { sequence?: string }).sequence === '?') setShowHelp(!showHelp);
    else if (isEnterKey(key)) {
      const item = items[active];
      if (item?.kind === 'option') finish({ type: 'answer', value: item.option.value });
      else if (item?.kind === 'skip') finish({ type: 'skip' });
      else setShowHelp(!showHelp);
    }
  });

  if (result) {
    if (result.type === 'back') return backLine(style);
    const option = result.type === 'answer' ? options.find((o) => o.value === result.value) : undefined;
    const chosen = option ? `${option.key ?? ''} ${option.label}`.trim() : 'skipped';
    return questionLines(`${config.message} › ${chosen}`, style, width, true);
  }

  const lines = items.map((item, index) => {
    const marker = index === active ? '❯ ' : '  ';
    const key = item.kind === 'option' && item.option.key !== undefined ? `${item.option.key}  ` : '';
    const text =
      item.kind === 'option'
        ? item.option.label
        : item.kind === 'help'
          ? 'What does this mean?'
          : 'Skip this one';
    const line = wrap(text, width, marker + key, ' '.repeat(marker.length + key.length));
    return index === active ? style.asked(line) : line;
  });
  const keys = options.every((o) => o.key !== undefined)
    ? [`${options[0]?.key}–${options.at(-1)?.key} picks at once, no Enter needed`]
    : [];
  keys.push('↑↓ Enter');
  if (config.canGoBack) keys.push('← back');
  if (config.help) keys.push('? help');
  const activeItem = items[active];
  const described = activeItem?.kind === 'option' ? activeItem.option.description : undefined;
  const help =
    showHelp && config.help
      ? `\n${style.dim(wrap(config.help, width, '  '))}`
      : described
        ? `\n${style.dim(wrap(described, width, '  '))}`
        : '';
  return `${questionLines(config.message, style, width, false)}\n${lines.join('\n')}${help}\n${keyHint(keys, style, width)}${HIDE_CURSOR}`;
});
