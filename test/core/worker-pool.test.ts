import { NoxusSecretsError, WorkerPool, WorkerSubscribe } from '../../lib/core';

test('keeps only what is set and sorts the secrets', () => {
  const pool = new WorkerPool({ name: 'finance', secrets: ['B', 'A'], workerSubscribe: WorkerSubscribe.FLOW });
  expect(pool.secrets).toEqual(['A', 'B']);
  expect(pool.workerSubscribe).toBe('flow');
  expect(pool.replicaCount).toBeUndefined();
  expect(pool.enabled).toBeUndefined();
});

test('a pool name must be a Kubernetes label', () => {
  expect(() => new WorkerPool({ name: 'Finance_1' })).toThrow(
    'WorkerPool "Finance_1": pool name "Finance_1" is not a valid Kubernetes name ' +
    "(lowercase RFC 1123 label: a-z, 0-9, '-'; max 63). Use e.g. \"finance-1\".");
});

test('a key listed twice is an error', () => {
  expect(() => new WorkerPool({ name: 'a', secrets: ['K', 'K'] })).toThrow(
    'WorkerPool "a": secrets lists "K" twice (each key once). Remove the repeat.');
});

test.each([-1, 1.5])('replicaCount %d is an error', n => {
  expect(() => new WorkerPool({ name: 'a', replicaCount: n })).toThrow(
    `WorkerPool "a": replicaCount ${n} is not a whole number of 0 or more. Use e.g. 2.`);
});

test('an unknown workerSubscribe is an error', () => {
  expect(() => new WorkerPool({ name: 'a', workerSubscribe: 'everything' as WorkerSubscribe })).toThrow(
    'WorkerPool "a": workerSubscribe "everything" is not a queue type the chart knows (all, all_but_kb, flow, chat, kb). Use a WorkerSubscribe value.');
});

test.each(['', 'a,b', ' a'])('tenant ID %j is an error', id => {
  expect(() => new WorkerPool({ name: 'a', workerSubscribeTenants: [id] })).toThrow(
    `WorkerPool "a": workerSubscribeTenants entry ${JSON.stringify(id)} is not an ID ` +
    '(the chart joins the list with commas: each entry is non-empty, without commas or surrounding spaces). Give one ID per entry.');
});

describe('a JavaScript caller\'s pool', () => {
  test.each([
    [undefined, 'WorkerPool: props are missing. Pass { name: \'finance\', secrets: [\'BANK_API_TOKEN\'] }.'],
    [{ secrets: [] }, 'WorkerPool: name is required, and it is missing. Pass e.g. name: "finance".'],
    [{ name: '' }, 'WorkerPool: name is required, and it is "". Pass e.g. name: "finance".'],
    [{ name: 7 }, 'WorkerPool 7: pool name 7 is not a string (a Kubernetes name: a-z, 0-9, \'-\'). Give the name as a string.'],
    [{ name: 'finance', secrets: 'A' }, 'WorkerPool "finance": secrets "A" is not a list. Pass e.g. secrets: [\'BANK_API_TOKEN\'], or leave it out.'],
    [{ name: 'finance', enabled: 'false' }, 'WorkerPool "finance": enabled "false" is not a boolean (true or false, not a string or number). Pass e.g. enabled: false, or leave it out.'],
  ])('%j', (props, message) => {
    expect(() => new WorkerPool(props as any)).toThrow(new NoxusSecretsError(message));
  });
});
