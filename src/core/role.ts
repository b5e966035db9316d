import type { Bank, Role } from './types.js';

/**
 * The bank as one role sees it. Managers see it as written; reps see the rep wording, and only the questions
 * that have one. Everything downstream (questionnaire, template, score, report) works on this view unchanged.
 */
export function bankForRole(bank: Bank, role: Role): Bank {
  if (role === 'manager') return bank;
  const questions = bank.questions
    .filter((q) => q.rep !== undefined)
    .map((q) => {
      const rep = q.rep ?? { prompt: q.prompt };
      const { help: _managerHelp, ...rest } = q;
      const question = { ...rest, prompt: rep.prompt, label: rep.label ?? q.label };
      if (rep.help !== undefined) Object.assign(question, { help: rep.help });
      if (q.choices) question.choices = q.choices.map((c) => ({ ...c, label: c.rep?.label ?? c.label }));
      return question;
    });
  const ids = new Set(questions.map((q) => q.id));
  const view: Bank = {
    ...bank,
    questions: questions.map((q) => ({ ...q, supportedBy: q.supportedBy.filter((id) => ids.has(id)) })),
    sections: bank.sections.map((s) => ({
      ...s,
      title: s.rep?.title ?? s.title,
      ...(s.rep?.intro !== undefined ? { intro: s.rep.intro } : {}),
    })),
    verdicts: bank.rep?.verdicts ?? bank.verdicts,
  };
  if (bank.rep?.intro !== undefined) view.intro = bank.rep.intro;
  return view;
}
