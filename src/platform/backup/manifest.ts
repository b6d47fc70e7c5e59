import { z } from 'zod';
import { BackupError } from './backup-error.js';

// What a backup holds, written first into the archive. Version 1 of the format: a new field may be added
// with a default; anything that changes how a part is read needs version 2 (and a reader for version 1).

export const MANIFEST_NAME = 'manifest.json';
export const FORMAT = 'govportal-backup';
export const FORMAT_VERSION = 1;

const PartRef = z.object({
  name: z.string(),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PartRef = z.infer<typeof PartRef>;

const TableEntry = z.object({
  name: z.string(),
  /** Column names in the order each line's JSON array gives the values. */
  columns: z.array(z.string()),
  rows: z.number().int().min(0),
  part: PartRef,
});
export type TableEntry = z.infer<typeof TableEntry>;

const ManifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  /** The dialect the data came from (for the record: the data itself restores into any of the three). */
  sourceDialect: z.enum(['sqlite', 'postgres', 'mysql']),
  /** The applied migrations, in order: the schema version of the data. */
  migrations: z.array(z.string()).min(1),
  /** Tables in load order: a table comes after the tables it references. */
  tables: z.array(TableEntry),
  /** Uploaded files (the content-addressed store under DATA_DIR/files), one part per file. */
  files: z.array(PartRef),
  /** DATA_DIR/secret.key, without which secrets kept in the database cannot be read. */
  secretKey: PartRef.nullable(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export function parseManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BackupError('备份文件的清单（manifest.json）已损坏，无法读取');
  }
  const format = (json as { format?: unknown; version?: unknown } | null)?.format;
  if (format !== FORMAT) throw new BackupError('这不是 govportal 的备份文件（清单格式不符）');
  const version = (json as { version?: unknown }).version;
  if (version !== FORMAT_VERSION)
    throw new BackupError(
      `备份文件格式版本 ${String(version)} 不受本程序支持（支持版本 ${FORMAT_VERSION}），请使用相应版本的 govportal`,
    );
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupError(`备份文件的清单不完整：${parsed.error.issues[0]!.path.join('.')}`);
  return parsed.data;
}
