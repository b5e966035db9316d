import * as v from 'valibot';

/**
 * What each field of a bank and of an answers file means (schema/fields.yaml), keyed by path: `a.b` for a key
 * inside a key, `a[]` for each item of a list, `a.*` for each key of a map whose keys the author chooses.
 */
const fieldNotesSchema = v.strictObject({
  scaffold: v.string(),
  bank: v.record(v.string(), v.string()),
  answers: v.record(v.string(), v.string()),
});

export type FieldNotes = v.InferOutput<typeof fieldNotesSchema>;

/** The shipped notes, checked: a broken notes file is a packaging bug, said plainly. */
export function checkFieldNotes(data: unknown): FieldNotes {
  const parsed = v.safeParse(fieldNotesSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const at = v.getDotPath(issue) ?? '(top)';
    throw new Error(`fields.yaml is not a valid field-notes file: ${at}: ${issue.message}`);
  }
  return parsed.output;
}

/** The segments of a notes path: `questions[].choices[].score` → questions, [], choices, [], score. */
function pathSegments(path: string): string[] {
  return path.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
}

/** The notes path a concrete path matches (`*` stands for any key), if any. */
export function noteFor(notes: Record<string, string>, segments: string[]): string | undefined {
  for (const path of Object.keys(notes)) {
    const pattern = pathSegments(path);
    if (pattern.length === segments.length && pattern.every((p, i) => p === segments[i] || p === '*'))
      return path;
  }
  return undefined;
}
