import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditEntityLabel } from './audit.js';

// The audit screen's filters list these labels: one label per option, or the list shows a word twice
// (设置 did, for 'setting' and 'settings') and each choice finds only part of what it names.

const repeated = (labels: Record<string, string>) =>
  Object.values(labels).filter((label, i, all) => all.indexOf(label) !== i);

describe('audit labels', () => {
  it('name every action and every kind of object once', () => {
    expect(repeated(AUDIT_ACTIONS)).toEqual([]);
    expect(repeated(AUDIT_ENTITIES)).toEqual([]);
  });

  it('still name the settings records written before the kinds were merged', () => {
    expect(auditEntityLabel('setting')).toBe('设置');
    expect(auditEntityLabel('settings')).toBe('设置');
  });
});
