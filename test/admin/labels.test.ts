import { describe, expect, it } from 'vitest';
import * as admin from '../../admin/src/lib/labels.js';
import { STATUS_LABELS } from '../../src/modules/guarantee/duty-status.js';

// The admin app names the server's enumerations in its selects and tags. A value the server adds
// (a role, a status) must get its Chinese name here too, or people would see a code. Enumerations in
// src/contract/ (the guarantee's cadence, channel, party role, ...) are imported, not copied: no pair.

describe('the admin app’s labels match the server’s', () => {
  const pairs: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['保障状态', admin.GUARANTEE_STATUS_LABELS, STATUS_LABELS],
  ];
  for (const [name, mine, server] of pairs) it(name, () => expect(mine).toEqual(server));
});
