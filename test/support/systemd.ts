/** Parses a systemd unit file into sections of key → values (keys may repeat), rejecting lines outside any section. */
export function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      current = sections[header[1]] = sections[header[1]] ?? {};
      continue;
    }
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!kv || !current) throw new Error(`not a unit line: ${JSON.stringify(line)}`);
    (current[kv[1]] = current[kv[1]] ?? []).push(kv[2]);
  }
  return sections;
}
