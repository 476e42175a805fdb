/**
 * `--help` for the CLI, read from its usage text so each command is described in one place: an
 * entry is a line indented by two spaces that starts with the command's name, plus the lines
 * indented deeper that follow it.
 */
const HELP = new Set(['--help', '-h', 'help']);

/** `pnpm cli --help`, `pnpm cli help [command]`, `pnpm cli <command> --help` (or -h). */
export function helpRequested(command: string | undefined, args: readonly string[]): boolean {
  return (command !== undefined && HELP.has(command)) || args.some((a) => a === '--help' || a === '-h');
}

/** The whole usage, or one command's entry; undefined for a command the usage does not list. */
export function helpText(usage: string, command: string | undefined, args: readonly string[]): string | undefined {
  const name = command === 'help' ? args[0] : command;
  if (name === undefined || HELP.has(name)) return usage;
  const lines = usage.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  ${name} `) || l === `  ${name}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('   '));
  const entry = lines.slice(start, end < 0 ? undefined : end).map((l) => l.trim());
  const [syntax, ...description] = entry.join('\n').split(/ {2,}|\n/);
  return [`Usage: pnpm cli ${syntax}`, '', ...description.map((d) => `  ${d}`)].join('\n');
}
