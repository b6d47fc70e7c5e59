import type { HomeBlock, Site } from '@contract/sites';

// Between the site settings form and SiteInput (src/modules/sites/sites.schemas.ts).

export interface SiteFormValues {
  name: string;
  code: string;
  hosts: string[];
  siteCode?: string | null;
  icp?: string | null;
  psb?: string | null;
  sponsor?: string | null;
  organizer?: string | null;
  contact?: string | null;
  theme: string;
  isDefault: boolean;
  homeBlocks: Array<Partial<HomeBlock>>;
  probeUrl?: string | null;
  conacUrl?: string | null;
  jiucuoUrl?: string | null;
}

export function toSiteForm(s: Site): SiteFormValues {
  return { ...s, homeBlocks: s.homeBlocks.map((b) => ({ ...b })) };
}

export function sitePayload(v: SiteFormValues) {
  const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    name: v.name.trim(),
    code: v.code.trim(),
    hosts: [...new Set((v.hosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean))],
    siteCode: blank(v.siteCode),
    icp: blank(v.icp),
    psb: blank(v.psb),
    sponsor: blank(v.sponsor),
    organizer: blank(v.organizer),
    contact: blank(v.contact),
    theme: v.theme.trim() || 'default',
    isDefault: v.isDefault,
    probeUrl: blank(v.probeUrl),
    conacUrl: blank(v.conacUrl),
    jiucuoUrl: blank(v.jiucuoUrl),
    homeBlocks: (v.homeBlocks ?? [])
      .filter((b) => b.columnId)
      .map((b) => ({
        columnId: b.columnId!,
        ...(b.title?.trim() ? { title: b.title.trim() } : {}),
        limit: b.limit ?? 8,
      })),
  };
}
