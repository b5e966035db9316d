import { bankForRole } from '../core/role.js';
import type { Role } from '../core/types.js';
import { ExitCode, UsageError } from '../errors.js';
import { loadBank } from '../input/load.js';
import { readManagerCommitments, roundsWording } from '../input/round.js';
import type { Io } from '../io.js';
import { type FollowUpToAsk, renderAnswersFile } from '../render/answers-file.js';
import { schemaModeline, schemaUrl } from '../render/schema-url.js';

export interface TemplateOptions {
  questions?: string;
  role: Role;
  /** A manager's answers file: the rep's template asks whether each of its commitments was kept. */
  commitments?: string;
}

export async function run(options: TemplateOptions, io: Io): Promise<number> {
  const bank = await loadBank(io, options.questions);
  const view = bankForRole(bank, options.role);
  const schemaLine = schemaModeline(schemaUrl('answers'));
  let toFollowUp: FollowUpToAsk | undefined;
  if (options.commitments !== undefined) {
    if (options.role !== 'rep') {
      throw new UsageError("--commitments asks reps about their manager's commitments: add --role rep");
    }
    const commitments = await readManagerCommitments(io, options.commitments, bank);
    toFollowUp = { commitments, prompt: (await roundsWording(io, bank)).followUp.rep.prompt };
  }
  const blank = { meta: { role: options.role }, values: new Map() };
  io.stdout.write(renderAnswersFile(view, blank, schemaLine, toFollowUp));
  return ExitCode.ok;
}
