import type { ResponseRate } from './team-model.js';
import type { Role } from './types.js';

/** One person expected to answer: a line of the --roster file. */
export interface RosterEntry {
  name: string | null;
  email: string | null;
  role: Role;
  team: string | null;
}

/** Someone on the roster without an answer; listed only with --show-names. */
export interface NonResponder {
  name: string;
  role: Role;
  team: string | null;
}

export function responseRate(invited: number, responded: number): ResponseRate {
  return { invited, responded, rate: invited === 0 ? null : Math.round((responded / invited) * 100) };
}

const key = (text: string) => text.trim().toLowerCase();

/**
 * The roster's people whose name or email matches no respondent's name (respondents are named by the `respondent:`
 * of their answers file, or a form's Name or Email column), compared without case.
 */
export function nonResponders(roster: RosterEntry[], respondentNames: Iterable<string>): NonResponder[] {
  const answered = new Set([...respondentNames].map(key));
  return roster
    .filter((p) => !(p.name && answered.has(key(p.name))) && !(p.email && answered.has(key(p.email))))
    .map((p) => ({ name: p.name ?? p.email ?? '', role: p.role, team: p.team }));
}
