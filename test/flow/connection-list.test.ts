import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../src/api/index.js';
import { groupAttempts } from '../../src/flow/connection-list.js';

const made = (id: number, health_status: string | null, name = 'HubSpot'): Connection => ({
  id,
  name,
  server_type: 'hubspot',
  health_status,
  created_at: new Date(Date.UTC(2026, 0, id)).toISOString(),
});

describe("the list's rows: one per connector and name, earlier attempts folded", () => {
  test('sign-ins given up (pending for ever) and failed attempts fold behind the newest (issue 24 point 3)', () => {
    const groups = groupAttempts([made(1, 'ERROR'), made(2, null), made(3, null), made(4, 'OK')]);
    assert.deepEqual(
      groups.map((group) => [group.latest.id, group.earlier.map((each) => each.id)]),
      [[4, [3, 2, 1]]],
    );
  });

  test('older attempts that work, or were disabled, stay rows of their own; other names are other rows', () => {
    const groups = groupAttempts([made(1, 'OK'), made(2, 'DISABLED'), made(3, null), made(4, 'ERROR', 'Sales')]);
    assert.deepEqual(
      groups.map((group) => [group.latest.id, group.earlier.map((each) => each.id)]),
      [
        [4, []],
        [3, []],
        [2, []],
        [1, []],
      ],
    );
  });
});
