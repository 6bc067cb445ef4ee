import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A running `takt classroom` (issue 19): its process, the teams' link, the instructor's link and token. */
export interface Classroom {
  server: ChildProcess;
  teams: URL;
  instructor: URL;
  token: string;
}

/**
 * Starts `takt classroom` (the CLI built by `cargo test`, or `TAKT_BIN`) on a free port over
 * the release build, on a new database; `lan` listens on the machine's network address too.
 * Kill it with `server.kill('SIGKILL')`.
 */
export async function startClassroom(lan = false): Promise<Classroom> {
  const takt = process.env.TAKT_BIN ?? 'target/debug/takt';
  if (!existsSync(takt)) throw new Error(`${takt} not found: build it with \`cargo build -p takt-cli\``);
  const db = join(mkdtempSync(join(tmpdir(), 'takt-classroom-')), 'class.sqlite');
  const args = ['classroom', '--port', '0', '--dist', process.env.E2E_DIST ?? 'dist', '--db', db];
  if (lan) args.push('--lan');
  const server = spawn(takt, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let token = '';
  let instructor = '';
  for await (const line of createInterface({ input: server.stdout! })) {
    const link = line.match(/(http:\S+\/classroom\.html#token=([0-9a-f]+))$/);
    if (link) [instructor, token] = [link[1], link[2]];
    if (line.startsWith('teams: ')) {
      return { server, teams: new URL(line.slice('teams: '.length)), instructor: new URL(instructor), token };
    }
  }
  throw new Error('takt classroom stopped before printing its links');
}
