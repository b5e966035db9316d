import * as v from 'valibot';
import { type BankInput, bankSchema } from './bank-schema.js';
import { quote } from './quote.js';
import { suggester } from './suggest.js';
import type { Bank, Problem, Question, Scale, Source } from './types.js';
import { issuesToProblems, problem, topLevelProblem } from './validation.js';

export { COMPILED_BANK_FORMAT } from './compiled-bank.js';

type QuestionInput = BankInput['questions'][number];

const MAX_SCALE_SPAN = 100;

/** Checks a parsed bank document: its shape first, then every cross-reference. Collects all problems. */
export function checkBank(data: unknown): { bank?: Bank; problems: Problem[] } {
  const notAMapping = topLevelProblem(data);
  if (notAMapping) return { problems: [notAMapping] };
  const parsed = v.safeParse(bankSchema, data, { abortEarly: false });
  if (!parsed.success) return { problems: issuesToProblems(parsed.issues) };
  const input = parsed.output;
  const problems: Problem[] = [];

  // A Map: a scale may be named like anything on an object's prototype ("constructor").
  const scales = new Map<string, Scale>();
  for (const [id, scale] of Object.entries(input.scales)) {
    if (scale.max - scale.min > MAX_SCALE_SPAN) {
      // Every point is listed in prompts, templates and team distributions: a scale is a handful of points.
      problems.push(
        problem(
          ['scales', id, 'max'],
          `a scale may have at most ${MAX_SCALE_SPAN + 1} points; this one has ${scale.max - scale.min + 1}`,
        ),
      );
    }
    if (scale.min >= scale.max) {
      problems.push(
        problem(['scales', id, 'max'], `max (${scale.max}) must be greater than min (${scale.min})`),
      );
    }
    for (const point of Object.keys(scale.labels ?? {})) {
      const n = Number(point);
      if (!Number.isInteger(n) || n < scale.min || n > scale.max) {
        problems.push({
          path: ['scales', id, 'labels', point],
          atKey: true,
          message: `label for ${point}, which is not a point of the scale ${scale.min}–${scale.max}`,
          severity: 'error',
        });
      }
    }
    scales.set(id, { id, min: scale.min, max: scale.max, labels: scale.labels ?? {} });
  }

  const sectionIds = new Set<string>();
  input.sections.forEach((section, i) => {
    if (sectionIds.has(section.id))
      problems.push(problem(['sections', i, 'id'], `duplicate section id "${section.id}"`));
    sectionIds.add(section.id);
  });

  const byId = new Map<string, QuestionInput>();
  input.questions.forEach((q, i) => {
    if (byId.has(q.id)) problems.push(problem(['questions', i, 'id'], `duplicate question id "${q.id}"`));
    else byId.set(q.id, q);
  });

  const context: BankContext = { scales, sectionIds, byId, problems, suggest: suggester() };
  const questions = input.questions.map((q, i) => checkQuestion(q, i, context));

  for (const side of ['asked', 'owed'] as const) {
    if (!questions.some((q) => q.side === side)) {
      problems.push(
        problem(['questions'], `no question has side: ${side}; a bank needs both ledgers to score`),
      );
    }
  }
  const viewQuestions = questions.filter((q) => q.choices?.some((c) => c.view !== undefined));
  if (viewQuestions.length > 1) {
    const index = input.questions.findIndex((q) => q.id === viewQuestions[1]?.id);
    problems.push(problem(['questions', index], 'only one question may carry choices with `view`'));
  }

  if (problems.some((p) => p.severity === 'error')) return { problems };
  const bank: Bank = {
    id: input.id,
    version: input.version,
    title: input.title,
    scales: Object.fromEntries(scales),
    sections: input.sections,
    questions,
    scoring: {
      tolerance: input.scoring?.tolerance ?? 10,
      minAnsweredWeight: input.scoring?.minAnsweredWeight ?? 0.5,
    },
    verdicts: input.verdicts,
  };
  if (input.intro !== undefined) bank.intro = input.intro;
  if (input.rep !== undefined) bank.rep = input.rep;
  if (input.rounds !== undefined) bank.rounds = input.rounds;
  return { bank, problems };
}

interface BankContext {
  scales: Map<string, Scale>;
  sectionIds: Set<string>;
  byId: Map<string, QuestionInput>;
  problems: Problem[];
  /** Shared by the whole bank, so a bank of 10,000 bad references costs no more than one of 20. */
  suggest: ReturnType<typeof suggester>;
}

function checkQuestion(q: QuestionInput, i: number, ctx: BankContext): Question {
  const at = (...rest: (string | number)[]) => ['questions', i, ...rest];
  const report = (path: (string | number)[], message: string) => ctx.problems.push(problem(path, message));

  if (!ctx.sectionIds.has(q.section)) {
    report(at('section'), `unknown section ${quote(q.section)}.${ctx.suggest(q.section, ctx.sectionIds)}`);
  }
  let scale: Scale | undefined;
  if (q.scale !== undefined) {
    scale = ctx.scales.get(q.scale);
    if (q.type === 'text') report(at('scale'), 'a text question takes no scale');
    else if (!scale)
      report(at('scale'), `unknown scale ${quote(q.scale)}.${ctx.suggest(q.scale, ctx.scales.keys())}`);
  } else if (q.type === 'scale' || (q.type === 'choice' && q.side !== undefined)) {
    report(at(), `a scored ${q.type} question needs "scale" (one of: ${[...ctx.scales.keys()].join(', ')})`);
  }

  if (q.type === 'text' && q.side !== undefined)
    report(at('side'), 'a text question cannot be scored; remove side');
  if (q.type === 'choice') checkChoices(q, at, scale, report);
  else if (q.choices !== undefined)
    report(at('choices'), `only choice questions take choices, not ${q.type}`);

  const supportedBy = q.supportedBy ?? [];
  if (supportedBy.length > 0 && q.side !== 'asked') {
    report(at('supportedBy'), 'only asked items name the owed items that support them');
  }
  supportedBy.forEach((ref, j) => {
    const target = ctx.byId.get(ref);
    if (!target)
      report(at('supportedBy', j), `unknown question ${quote(ref)}.${ctx.suggest(ref, ctx.byId.keys())}`);
    else if (target.side !== 'owed')
      report(at('supportedBy', j), `"${ref}" is not an owed item (side: owed)`);
  });

  if (q.discuss !== undefined && q.side !== 'owed') {
    report(at('discuss'), 'only owed items say what to discuss when reps see them differently');
  }

  let source: Source | undefined;
  if (q.source) {
    const { article, added } = q.source;
    if ((article === undefined) === (added === undefined)) {
      report(
        at('source'),
        'source takes exactly one of "article" (a quote) or "added" (why it is not from the article)',
      );
    } else source = article !== undefined ? { article } : { added: added ?? '' };
  }

  const question: Question = {
    id: q.id,
    section: q.section,
    type: q.type,
    prompt: q.prompt,
    label: q.label ?? q.prompt,
    weight: q.weight ?? 1,
    supportedBy,
  };
  if (q.side !== undefined) question.side = q.side;
  if (q.help !== undefined) question.help = q.help;
  if (scale !== undefined) question.scale = scale;
  if (q.choices !== undefined) question.choices = q.choices;
  if (source !== undefined) question.source = source;
  if (q.discuss !== undefined) question.discuss = q.discuss;
  if (q.rep !== undefined) question.rep = q.rep;
  if (q.suggestion !== undefined) {
    if (q.side === 'owed') question.suggestion = q.suggestion;
    else report(at('suggestion'), 'only owed items carry a suggestion (a commitment the manager can make)');
  }
  return question;
}

function checkChoices(
  q: QuestionInput,
  at: (...rest: (string | number)[]) => (string | number)[],
  scale: Scale | undefined,
  report: (path: (string | number)[], message: string) => void,
): void {
  const choices = q.choices ?? [];
  if (choices.length < 2) report(at('choices'), 'a choice question needs at least two choices');
  const seen = new Set<string>();
  choices.forEach((choice, j) => {
    if (seen.has(choice.value)) report(at('choices', j, 'value'), `duplicate choice value "${choice.value}"`);
    seen.add(choice.value);
    if (q.side !== undefined) {
      if (choice.score === undefined)
        report(at('choices', j), 'every choice of a scored question needs a score');
      else if (scale && (choice.score < scale.min || choice.score > scale.max)) {
        report(
          at('choices', j, 'score'),
          `score ${choice.score} is outside the scale ${scale.min}–${scale.max}`,
        );
      }
    }
    if (choice.view !== undefined && q.side !== undefined) {
      report(at('choices', j, 'view'), 'view belongs on an unscored self-view question');
    }
  });
}
