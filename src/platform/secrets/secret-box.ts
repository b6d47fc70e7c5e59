import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Secrets kept in the database (the mailbox's password) are sealed with AES-256-GCM. The key lives
// outside the database: SECRET_KEY (64 hex characters) when set, else a key file made once in the
// data directory (mode 0600), so a copy of the database alone does not give the password away.

const VERSION = 'v1';

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(hex: string): SecretBox {
    const key = Buffer.from(hex, 'hex');
    if (key.length !== 32) throw new Error('SECRET_KEY 须为 64 位十六进制字符（32 字节）');
    return new SecretBox(key);
  }

  /** The key from SECRET_KEY, else from `<dataDir>/secret.key` (created on first use). */
  static forDataDir(dataDir: string, envKey = process.env.SECRET_KEY): SecretBox {
    if (envKey) return SecretBox.fromKey(envKey);
    const file = path.join(dataDir, 'secret.key');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir, { recursive: true });
      try {
        fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
      }
    }
    return SecretBox.fromKey(fs.readFileSync(file, 'utf8').trim());
  }

  seal(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  /** The plain text, or null when the sealed value was made with another key or altered. */
  open(sealed: string): string | null {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || data === undefined) return null;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
