import { SourceSecret, ValueOrigin, ValueSource } from '../../lib/core';
import { esoTemplate } from '../../lib/k8s/eso-template';

const RDS = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf';
const db = () => new SourceSecret({ key: RDS, keys: ['username', 'password'] });

describe('the ESO template of a composed value', () => {
  test('postgresUrl: the exact ESO template, the user and password percent-encoded, TLS required by default', () => {
    const value = ValueSource.postgresUrl({ source: db(), host: 'noxus.abc.eu-west-1.rds.amazonaws.com', database: 'noxus' });
    expect(value.origin).toBe(ValueOrigin.FROM_SECRET_KEYS);
    expect(esoTemplate(value.template, (s, k) => `POSTGRESQL_URL.${s}.${k}`, 'POSTGRESQL_URL')).toBe(
      'postgresql://{{ with index . "POSTGRESQL_URL.db.username" }}{{ . | urlquery | replace "+" "%20" }}{{ else }}' +
      '{{ fail "POSTGRESQL_URL: key username of source db is missing or empty" }}{{ end }}:' +
      '{{ with index . "POSTGRESQL_URL.db.password" }}{{ . | urlquery | replace "+" "%20" }}{{ else }}' +
      '{{ fail "POSTGRESQL_URL: key password of source db is missing or empty" }}{{ end }}@noxus.abc.eu-west-1.rds.amazonaws.com:5432/noxus?sslmode=require');
  });

  test('redisUrl: rediss with the token, an ACL user if given', () => {
    const token = new SourceSecret({ key: 'noxus/elasticache-auth', keys: ['password', 'user'] });
    const plain = ValueSource.redisUrl({ source: token, host: 'master.noxus.cache.amazonaws.com' });
    expect(esoTemplate(plain.template, (s, k) => `${s}.${k}`, 'REDIS_URL')).toBe('rediss://:{{ with index . "cache.password" }}{{ . | urlquery | replace "+" "%20" }}' +
      '{{ else }}{{ fail "REDIS_URL: key password of source cache is missing or empty" }}{{ end }}@master.noxus.cache.amazonaws.com:6379');
    const acl = ValueSource.redisUrl({ source: token, host: 'h', usernameKey: 'user', tls: false, database: 2, port: 6380 });
    expect(esoTemplate(acl.template, (s, k) => `${s}.${k}`, 'REDIS_URL')).toBe(
      'redis://{{ with index . "cache.user" }}{{ . | urlquery | replace "+" "%20" }}{{ else }}{{ fail "REDIS_URL: key user of source cache is missing or empty" }}{{ end }}:' +
      '{{ with index . "cache.password" }}{{ . | urlquery | replace "+" "%20" }}{{ else }}{{ fail "REDIS_URL: key password of source cache is missing or empty" }}{{ end }}@h:6380/2');
  });

  test('each template function as ESO\'s engine writes it', () => {
    const value = ValueSource.fromSecretKeys({ sources: { db: db() }, template: '{{ .db.password | lower | upper | trim | b64enc | b64dec | urlquery }}' });
    expect(esoTemplate(value.template, (s, k) => `${s}.${k}`, 'V')).toBe(
      '{{ with index . "db.password" }}{{ . | lower | upper | trim | b64enc | b64dec | urlquery }}{{ else }}{{ fail "V: key password of source db is missing or empty" }}{{ end }}');
  });
});
