import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

// A real IMAP server for the intake tests: Debian's Dovecot started as a child process with a
// throwaway configuration in a temporary directory (maildir there, one user in a passwd-file,
// plain IMAP on a free loopback port), killed afterwards. test/run.sh installs dovecot-imapd.

export const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';
export const dovecotAvailable = () => fs.existsSync(DOVECOT);

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Put a raw message into the user's INBOX over IMAP (APPEND), as a delivery would. */
  append(raw: Buffer | string, folder?: string): Promise<void>;
  client(): ImapFlow;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null)
      throw new Error(`dovecot exited: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('dovecot did not start listening');
}

const idOf = (flag: '-u' | '-g', name: string) => Number(execFileSync('id', [flag, name]).toString().trim());

export async function startDovecot(): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-dovecot-'));
  const port = await freePort();
  const user = 'lswzzx';
  const password = 'Imap-Test-2026';
  const me = os.userInfo();
  // As root, Dovecot refuses mail access with UID 0: the mailbox belongs to Debian's dovecot user.
  const root = me.uid === 0;
  const mailUid = root ? idOf('-u', 'dovecot') : me.uid;
  const mailGid = root ? idOf('-g', 'dovecot') : me.gid;
  const internal = root ? 'dovecot' : me.username;
  const login = root ? 'dovenull' : me.username;
  for (const d of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, d));
  if (root) {
    fs.chmodSync(dir, 0o755);
    for (const d of ['mail', 'home']) fs.chownSync(path.join(dir, d), mailUid, mailGid);
  }
  fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}::::::\n`);
  const log = path.join(dir, 'dovecot.log');
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_internal_group = ${root ? 'dovecot' : internalGroup()}
default_login_user = ${login}
first_valid_uid = ${Math.min(mailUid, 1)}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: 'ignore' });
  await waitForPort(port, child, log);
  const client = () =>
    new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
      doSTARTTLS: false,
    } as never);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    client,
    async append(raw, folder = 'INBOX') {
      const c = client();
      await c.connect();
      try {
        await c.append(folder, raw);
      } finally {
        await c.logout();
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function internalGroup(): string {
  return execFileSync('id', ['-gn']).toString().trim();
}
