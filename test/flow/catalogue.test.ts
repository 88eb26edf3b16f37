import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byOrderThenName, type Servertype } from '../../src/api/index.js';
import { prepareCatalogue } from '../../src/flow/catalogue-search.js';

const named = (name: string, order?: number): Servertype => ({ id: name.length, name, order });

describe("the picker's order (product spec §4: by order, then by name)", () => {
  test('numbers in names sort by their value, case and accents aside (issue 22 defect 4)', () => {
    const servertypes = [named('Item 10'), named('item 9'), named('Item 2'), named('Écho'), named('echo 1')];
    const picker = prepareCatalogue(servertypes).map((entry) => entry.servertype.name);
    assert.deepEqual(picker, ['Écho', 'echo 1', 'Item 2', 'item 9', 'Item 10']);
    assert.deepEqual(
      [...servertypes].sort(byOrderThenName).map((each) => each.name),
      picker,
      'the exported rule is the one the picker uses',
    );
  });

  test('order comes first; connectors without one go last', () => {
    const servertypes = [named('b', 2), named('z'), named('a', 2), named('c', 1), named('Item 02', 2)];
    assert.deepEqual(
      prepareCatalogue(servertypes).map((entry) => entry.servertype.name),
      ['c', 'a', 'b', 'Item 02', 'z'],
    );
  });
});
