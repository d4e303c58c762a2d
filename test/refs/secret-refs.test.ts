import { checkSecretRefs, findSecretRefs } from '../../lib';
import { platform } from '../support/fixtures';

const flow = {
  name: 'Invoice bot',
  nodes: [
    { type: 'http', config: { headers: { Authorization: 'Bearer {{secret.BANK_API_TOKEN}}' }, url: 'https://bank.example' } },
    { type: 'llm', config: { apiKey: '{{ secret.OPENAI_API_KEY }}', prompt: 'no {{secrets.X}} here, nor {{secret.}}' } },
  ],
  'odd key': { '{{secret.REDIS_URL}}': true },
};

test('finds every reference with its JSON path, in document order', () => {
  expect(findSecretRefs(flow, 'flow.json')).toEqual([
    { name: 'BANK_API_TOKEN', file: 'flow.json', jsonPath: '$.nodes[0].config.headers.Authorization' },
    { name: 'OPENAI_API_KEY', file: 'flow.json', jsonPath: '$.nodes[1].config.apiKey' },
    { name: 'REDIS_URL', file: 'flow.json', jsonPath: '$["odd key"]["{{secret.REDIS_URL}}"]' },
  ]);
});

test('several references in one string, and none in numbers or nulls', () => {
  expect(findSecretRefs(['{{secret.A}}:{{secret.B}}', 1, null, true], 'f').map(r => [r.name, r.jsonPath])).toEqual([['A', '$[0]'], ['B', '$[0]']]);
});

test('a pool resolves global, worker-only and its own keys; the rest is unresolved', () => {
  const result = checkSecretRefs(platform(), 'tenant-acme', [{ file: 'flow.json', document: flow }]);
  expect(result.refs).toHaveLength(3);
  expect(result.unresolved.map(r => r.name)).toEqual(['BANK_API_TOKEN']);
});

test('an unknown pool is the blueprint\'s error', () => {
  expect(() => checkSecretRefs(platform(), 'acme', [])).toThrow('SecretsBlueprint: no worker pool named "acme"');
});
