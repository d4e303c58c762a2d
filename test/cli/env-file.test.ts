import { parseEnvFile } from '../../lib/cli/env-file';

test('NAME=value lines, the value verbatim to the end of the line; comments, blank lines and empty values give nothing', () => {
  const values = parseEnvFile("# platform.env\n\nA=1\nB=\nC=x=y # not a comment\nD= spaced \nE='q $x \\ \"'\nF=''\n", 'f.env');
  expect([...values.entries()]).toEqual([
    ['A', { value: '1', line: 3 }],
    ['C', { value: 'x=y # not a comment', line: 5 }],
    ['D', { value: ' spaced ', line: 6 }],
    ['E', { value: 'q $x \\ "', line: 7 }],
  ]);
});

test.each([
  ['A=1\r\n', 'f.env line 1 ends in a carriage return (CRLF line endings), which would become part of the value. Convert the file to LF line endings (e.g. dos2unix).'],
  ['export A=1\n', "f.env line 1 is not NAME=value (the VM env files' grammar: a name of A-Z a-z 0-9 _, '=', the value verbatim to the end of the line; '#' starts a comment line). Fix the line; it is not shown here, as it may hold a value."],
  ['A=1\nB=2\nA=3\n', 'f.env line 3 gives A again (first on line 1). Keep one line per name.'],
  ['A="s3cr3t"\n', "f.env line 1: the value of A is in double quotes, which systemd EnvironmentFile= and Docker Compose env_file read differently (escapes, '$'). Write it single-quoted (NAME='...') or bare."],
  ["A='s3cr3t\n", "f.env line 1: the value of A opens a single quote that does not end the line, or holds another one. Write NAME='...' with no single quote inside, or the value bare."],
  ["A='s3c'r3t'\n", "f.env line 1: the value of A opens a single quote that does not end the line, or holds another one. Write NAME='...' with no single quote inside, or the value bare."],
])('%j is refused, naming the line but never its text', (text, message) => {
  expect(() => parseEnvFile(text, 'f.env')).toThrow(message);
  try {
    parseEnvFile(text, 'f.env');
  } catch (e) {
    expect((e as Error).message).not.toContain('s3cr3t');
  }
});
