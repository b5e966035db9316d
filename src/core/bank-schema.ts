import * as v from 'valibot';
import { kebabId, ownRecord, strictRecord } from './validation.js';

/** The shape of a bank file. Cross-references (sections, scales, supportedBy) are checked in bank.ts. */
const scaleSchema = strictRecord({
  min: v.pipe(v.number(), v.integer()),
  max: v.pipe(v.number(), v.integer()),
  labels: v.optional(ownRecord(v.string(), v.string())),
});

const repChoiceSchema = strictRecord({ label: v.pipe(v.string(), v.minLength(1)) });

const choiceSchema = strictRecord({
  value: v.pipe(v.string(), v.minLength(1)),
  label: v.pipe(v.string(), v.minLength(1)),
  rep: v.optional(repChoiceSchema),
  score: v.optional(v.number()),
  view: v.optional(v.picklist(['out-of-balance', 'balanced', 'unsure'])),
});

const sourceSchema = strictRecord({
  article: v.optional(v.pipe(v.string(), v.minLength(1))),
  added: v.optional(v.pipe(v.string(), v.minLength(1))),
});

/** How a question reads to a rep; a question without it is not asked of reps. */
const repQuestionSchema = strictRecord({
  prompt: v.pipe(v.string(), v.minLength(1)),
  label: v.optional(v.pipe(v.string(), v.minLength(1))),
  help: v.optional(v.string()),
});

const verdictsSchema = strictRecord({
  'asks-exceed-gives': v.string(),
  balanced: v.string(),
  'gives-exceed-asks': v.string(),
});

const questionSchema = strictRecord({
  id: kebabId,
  section: v.string(),
  type: v.picklist(['scale', 'choice', 'text']),
  side: v.optional(v.picklist(['asked', 'owed'])),
  prompt: v.pipe(v.string(), v.minLength(1)),
  label: v.optional(v.pipe(v.string(), v.minLength(1))),
  help: v.optional(v.string()),
  weight: v.optional(v.pipe(v.number(), v.minValue(0), v.finite())),
  scale: v.optional(v.string()),
  choices: v.optional(v.array(choiceSchema)),
  source: v.optional(sourceSchema),
  supportedBy: v.optional(v.array(v.string())),
  discuss: v.optional(v.pipe(v.string(), v.minLength(1))),
  rep: v.optional(repQuestionSchema),
  suggestion: v.optional(v.pipe(v.string(), v.minLength(1))),
});

const text = v.pipe(v.string(), v.minLength(1));

/** The words of the follow-up (start of a round) and commitment (end of a round) prompts. */
const roundsSchema = strictRecord({
  followUp: strictRecord({
    intro: text,
    prompt: text,
    note: text,
    choices: strictRecord({ kept: text, partly: text, 'not-kept': text }),
    rep: strictRecord({ intro: text, prompt: text }),
  }),
  commit: strictRecord({
    intro: text,
    prompt: text,
    ownWords: text,
    done: text,
    text: text,
    due: text,
  }),
});

export const bankSchema = strictRecord({
  $schema: v.optional(v.string()),
  id: kebabId,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: v.pipe(v.string(), v.minLength(1)),
  intro: v.optional(v.string()),
  scales: ownRecord(kebabId, scaleSchema),
  scoring: v.optional(
    strictRecord({
      tolerance: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
      minAnsweredWeight: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    }),
  ),
  verdicts: verdictsSchema,
  rep: v.optional(strictRecord({ intro: v.optional(v.string()), verdicts: v.optional(verdictsSchema) })),
  sections: v.pipe(
    v.array(
      strictRecord({
        id: kebabId,
        title: v.string(),
        intro: v.optional(v.string()),
        rep: v.optional(strictRecord({ title: v.optional(v.string()), intro: v.optional(v.string()) })),
      }),
    ),
    v.minLength(1),
  ),
  questions: v.pipe(v.array(questionSchema), v.minLength(1)),
  rounds: v.optional(roundsSchema),
});

export type BankInput = v.InferOutput<typeof bankSchema>;
