import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { ENV_VALUE_RULE, envFileLine, envValuePattern, envValueProblem } from '../../lib';
import { parseComposeEnvFile, parseSystemdEnvFile } from './env-file-grammars';

const RUNS = { numRuns: 300, seed: 20260429 };
const FIX = 'Store the value base64-encoded (and decode it in the service), or choose one without that character.';
/** Values that each reader treats specially somewhere: quotes, escapes, interpolation, comments, whitespace, line breaks, BOM, noncharacters. */
const hostile = fc.oneof(
  fc.string({ unit: fc.constantFrom('\'', '"', '\\', '$', '{', '}', '#', ' ', '\t', '\n', '\r', '=', ':', 'a', 'Z', '0', '\u00a0', '\u0085', '\ufeff', '\ufffe', '\ud800', '\u{1fffe}', 'é', '😀'), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 24 }),
);

describe('oracles: systemd EnvironmentFile= and Compose env_file read back what envFileLine writes, or it refuses', () => {
  test('for any value: both readers get the value itself, or the library refuses it naming key, problem, rule and fix', () => {
    fc.assert(fc.property(hostile, value => {
      let line: string;
      try {
        line = envFileLine('T', 'KEY', value);
      } catch (e) {
        expect((e as Error).message).toBe(`T: the value of KEY (${[...value].length} characters) has ${envValueProblem(value)}; ${ENV_VALUE_RULE}. ${FIX}`);
        return;
      }
      const file = `# comment\nFIRST='1'\n${line}\nLAST='2'\n`;
      expect(parseSystemdEnvFile(file)).toEqual({ FIRST: '1', KEY: value, LAST: '2' });
      expect(parseComposeEnvFile(file, () => 'INTERPOLATED')).toEqual({ FIRST: '1', KEY: value, LAST: '2' });
    }), RUNS);
  });

  test('what the library refuses is what one of the readers would read differently (the rule is not stricter than needed, for these)', () => {
    for (const value of ['it\'s', 'ends\\', 'line\nbreak', '\ufeffbom']) {
      const naive = `KEY='${value}'\n`;
      const readBack = (parse: (t: string) => Record<string, string>) => { try { return parse(naive).KEY; } catch { return undefined; } };
      expect(envValueProblem(value)).toBeDefined();
      expect(readBack(parseSystemdEnvFile) === value && readBack(parseComposeEnvFile) === value && !value.includes('\n')).toBe(false);
    }
  });

  test('unquoted, the readers disagree: why values are single-quoted', () => {
    const file = 'A=x #y\nB=$HOME\nC=  pad  \n';
    expect(parseSystemdEnvFile(file)).toEqual({ A: 'x #y', B: '$HOME', C: 'pad' });
    expect(parseComposeEnvFile(file, () => '/root')).toEqual({ A: 'x', B: '/root', C: 'pad' });
  });

  test.each([
    ['it\'s', 'T: the value of KEY (4 characters) has a single quote at character 3'],
    ['a\nb', 'T: the value of KEY (3 characters) has a line break at character 2'],
    ['\tx', 'T: the value of KEY (2 characters) has a control character (U+0009) at character 1'],
    ['x\\', 'T: the value of KEY (2 characters) has a backslash at the end'],
    ['\ufeffx', 'T: the value of KEY (2 characters) has a byte-order mark (U+FEFF) at character 1'],
    ['x\u{10ffff}', 'T: the value of KEY (2 characters) has a Unicode noncharacter (U+10FFFF) at character 2'],
    ['x\ud800', 'T: the value of KEY (2 characters) has a lone surrogate (U+D800, not valid UTF-8) at character 2'],
  ])('refuses %j with its exact message (the value itself is not repeated)', (value, start) => {
    expect(() => envFileLine('T', 'KEY', value)).toThrow(`${start}; ${ENV_VALUE_RULE}. ${FIX}`);
  });

  test('the RE2 pattern (Terraform validation, consul-template regexMatch) accepts exactly what envFileLine writes, by Terraform\'s own regex', () => {
    const terraform = spawnSync('terraform', ['version'], { encoding: 'utf-8' });
    if (terraform.status !== 0) {
      console.log('SKIPPED: terraform is not installed, so the RE2 pattern is checked with JavaScript\'s RegExp only');
    }
    const values = fc.sample(hostile, { ...RUNS, numRuns: 200 }).filter(v => !/[\ud800-\udfff]/u.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
    values.push('', 'a\\b', 'a\\', '\'', '\u{10fffe}', '${x}', '%{y}');
    const expected = values.map(v => envValueProblem(v) === undefined);
    const js = new RegExp(envValuePattern().replace(/\\x\{([0-9a-f]+)\}/g, '\\u{$1}'), 'u');
    expect(values.map(v => js.test(v))).toEqual(expected);
    if (terraform.status !== 0) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-re2-'));
    try {
      // Read from files, so that no HCL quoting stands between the values and Terraform's regex.
      fs.writeFileSync(path.join(dir, 'values.json'), JSON.stringify(values));
      fs.writeFileSync(path.join(dir, 'pattern.txt'), envValuePattern());
      const expr = 'jsonencode([for v in jsondecode(file("values.json")) : can(regex(file("pattern.txt"), v))])\n';
      const r = spawnSync('terraform', ['console', '-no-color'], { cwd: dir, input: expr, encoding: 'utf-8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
      expect(r.stderr).toBe('');
      expect(JSON.parse(JSON.parse(r.stdout.trim()))).toEqual(expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
