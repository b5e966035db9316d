import { ExitCode } from '../errors.js';
import { loadBank } from '../input/load.js';
import type { Io } from '../io.js';
import { renderQuestionsJson } from '../render/json.js';
import { renderQuestionsText } from '../render/questions.js';

export interface QuestionsOptions {
  questions?: string;
  format: 'text' | 'json';
}

/** A list to grep when piped: laid out for the terminal's width only on a terminal (as help is). */
export async function run(options: QuestionsOptions, io: Io): Promise<number> {
  const bank = await loadBank(io, options.questions);
  io.stdout.write(
    options.format === 'json'
      ? renderQuestionsJson(bank)
      : renderQuestionsText(bank, io.stdout.isTTY ? io.stdout.columns : undefined),
  );
  return ExitCode.ok;
}
