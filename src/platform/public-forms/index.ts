// What every public form of the site needs (issue 12): an own challenge, rate limits and a blacklist
// kept in the database, 查询码, masking of personal data, and reading forms sent without JavaScript.
// Typical order in a form's service: read → validate → refuseBlocked → verifyChallenge →
// takeRateLimit → store (see docs/interaction.md).

export * from './blacklist.js';
export * from './challenge.js';
export * from './form.js';
export * from './mask.js';
export * from './query-code.js';
export * from './rate-limit.js';
export type { PublicFormsTables } from './tables.js';
