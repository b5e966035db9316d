import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import { renderAnswersFile } from '../render/answers-file.js';

export interface TemplateOptions {
  questions?: string;
}

export async function run(options: TemplateOptions, io: Io): Promise<number> {
  const bank = await loadBank(io, options.questions);
  io.stdout.write(renderAnswersFile(bank));
  return 0;
}
