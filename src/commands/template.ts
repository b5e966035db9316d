import { bankForRole } from '../core/role.js';
import type { Role } from '../core/types.js';
import { ExitCode } from '../errors.js';
import { loadBank } from '../input/load.js';
import type { Io } from '../io.js';
import { renderAnswersFile } from '../render/answers-file.js';
import { schemaModeline, schemaUrl } from '../render/schema-url.js';

export interface TemplateOptions {
  questions?: string;
  role: Role;
}

export async function run(options: TemplateOptions, io: Io): Promise<number> {
  const bank = await loadBank(io, options.questions);
  const view = bankForRole(bank, options.role);
  const schemaLine = schemaModeline(schemaUrl('answers'));
  io.stdout.write(renderAnswersFile(view, { meta: { role: options.role }, values: new Map() }, schemaLine));
  return ExitCode.ok;
}
