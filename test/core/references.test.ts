import { Token } from 'cdktf';
import { isUnresolvedToken } from '../../lib/core';

// Core knows no flavour's encoding: it asks the check the Terraform layer puts in place when it loads.

test('before the Terraform layer loads, core takes every value as a literal: it knows no encoding of its own', () => {
  expect(isUnresolvedToken(Token.asString({ Ref: 'x' }))).toBe(false);
  expect(isUnresolvedToken(Token.asNumber({ Ref: 'n' }))).toBe(false);
});

test('with it loaded, a reference of every kind is one (string, text with one inside, list, list element, number); literals are not', () => {
  require('../../lib/terraform/references');
  const list = Token.asList({ Ref: 'xs' });
  expect([
    isUnresolvedToken(Token.asString({ Ref: 'x' })),
    isUnresolvedToken(`arn:aws:iam::${Token.asString({ Ref: 'account' })}:role/x`),
    isUnresolvedToken(list),
    isUnresolvedToken(list[0]),
    isUnresolvedToken(Token.asNumber({ Ref: 'n' })),
  ]).toEqual([true, true, true, true, true]);
  expect([
    isUnresolvedToken('arn:aws:iam::123456789012:role/${TfToken[/x'),
    isUnresolvedToken('${TfToken['),
    isUnresolvedToken(30),
    isUnresolvedToken(['a']),
    isUnresolvedToken(undefined),
    isUnresolvedToken(null),
  ]).toEqual([false, false, false, false, false, false]);
});

test('a second copy of core (another install, the other flavour\'s entry) finds the same check', () => {
  require('../../lib/terraform/references');
  let copy: typeof isUnresolvedToken = () => false;
  jest.isolateModules(() => {
    copy = require('../../lib/core/references').isUnresolvedToken;
  });
  expect(copy).not.toBe(isUnresolvedToken);
  expect(copy(Token.asString({ Ref: 'x' }))).toBe(true);
  expect(copy('eu-west-1')).toBe(false);
});
