export const ROLES = [
  'sysadmin',
  'site_editor',
  'disclosure_reviewer',
  'office_leader',
  'unit_head',
  'unit_leader',
  'unit_officer',
  'hotline_operator',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  site_editor: '网站中心编辑',
  disclosure_reviewer: '政务公开科审核员',
  office_leader: '政府办领导',
  unit_head: '单位主要领导',
  unit_leader: '单位分管领导',
  unit_officer: '单位信息员',
  hotline_operator: '12345办公室话务员',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
