import { NoxusCatalog, SecretCategory } from '../../lib/core';

test('the catalog holds the 11 documented secrets in the docs order', () => {
  expect(NoxusCatalog.all().map(s => s.name)).toEqual([
    'POSTGRESQL_URL', 'VECTOR_POSTGRESQL_URL', 'REDIS_URL', 'REDIS_PASSWORD', 'REDIS_USER',
    'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'PROM_REMOTE_WRITE_USERNAME', 'PROM_REMOTE_WRITE_PASSWORD',
    'PLUGIN_SERVER_API_KEY', 'PLUGIN_SERVER_PLATFORM_KEY',
  ]);
});

test('every entry has a category and a description', () => {
  for (const s of NoxusCatalog.all()) {
    expect(Object.values(SecretCategory)).toContain(s.category);
    expect(s.description).toBeTruthy();
  }
  expect(NoxusCatalog.PROM_REMOTE_WRITE_PASSWORD.category).toBe(SecretCategory.OBSERVABILITY);
  expect(NoxusCatalog.PLUGIN_SERVER_API_KEY.category).toBe(SecretCategory.INTEGRATION);
  expect(NoxusCatalog.REDIS_URL.category).toBe(SecretCategory.INFRASTRUCTURE);
});

test('REDIS_USER is the only optional entry', () => {
  expect(NoxusCatalog.all().filter(s => s.optional).map(s => s.name)).toEqual(['REDIS_USER']);
});

test('high-risk entries rotate within 30..90 days by default', () => {
  const highRisk = NoxusCatalog.all().filter(s => s.highRisk);
  expect(highRisk.map(s => s.name)).toEqual([
    'POSTGRESQL_URL', 'VECTOR_POSTGRESQL_URL', 'REDIS_PASSWORD', 'S3_SECRET_ACCESS_KEY', 'PLUGIN_SERVER_API_KEY', 'PLUGIN_SERVER_PLATFORM_KEY',
  ]);
  for (const s of highRisk) expect(s.rotation?.days).toBe(90);
});

test('all() returns a fresh array each time', () => {
  const a = NoxusCatalog.all();
  a.pop();
  expect(NoxusCatalog.all()).toHaveLength(11);
});
