import net from 'node:net';

// Which addresses a server-side fetch may reach. A link, a redirect or a DNS answer chosen by someone
// else must never make the server read its own admin port, the intranet or a cloud metadata service
// (169.254.169.254, Alibaba Cloud's 100.100.100.200) and report what it found. Everything that is not
// a public unicast address is refused, unless the operator allowed it (FETCH_ALLOW: an intranet
// system the link columns point at, or a test server).

const blocked = new net.BlockList();
const V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, '未指定地址'],
  ['10.0.0.0', 8, '内网地址'],
  ['100.64.0.0', 10, '运营商级 NAT 地址（含云服务元数据地址）'],
  ['127.0.0.0', 8, '本机地址'],
  ['169.254.0.0', 16, '链路本地地址（含云服务元数据地址）'],
  ['172.16.0.0', 12, '内网地址'],
  ['192.0.0.0', 24, '保留地址'],
  ['192.0.2.0', 24, '文档保留地址'],
  ['192.88.99.0', 24, '保留地址'],
  ['192.168.0.0', 16, '内网地址'],
  ['198.18.0.0', 15, '保留地址'],
  ['198.51.100.0', 24, '文档保留地址'],
  ['203.0.113.0', 24, '文档保留地址'],
  ['224.0.0.0', 4, '组播地址'],
  ['240.0.0.0', 4, '保留地址'],
];
const V6: Array<[string, number, string]> = [
  ['::', 128, '未指定地址'],
  ['::1', 128, '本机地址'],
  ['100::', 64, '保留地址'],
  ['2001:db8::', 32, '文档保留地址'],
  ['fc00::', 7, '内网地址'],
  ['fe80::', 10, '链路本地地址'],
  ['fec0::', 10, '内网地址'],
  ['ff00::', 8, '组播地址'],
];
for (const [a, p] of V4) blocked.addSubnet(a, p, 'ipv4');
for (const [a, p] of V6) blocked.addSubnet(a, p, 'ipv6');

function v4InRange(ip: string): string | null {
  for (const [a, p, why] of V4) {
    const one = new net.BlockList();
    one.addSubnet(a, p, 'ipv4');
    if (one.check(ip, 'ipv4')) return why;
  }
  return null;
}

/** IPv6 forms that carry an IPv4 address: mapped, compatible, NAT64, 6to4. */
function embeddedV4(ip: string): string | null {
  const words = expandV6(ip);
  if (!words) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zero(0, 5) && words[5] === 0xffff) return v4(words[6]!, words[7]!); // ::ffff:a.b.c.d
  if (zero(0, 6) && (words[6] !== 0 || words[7]! > 1)) return v4(words[6]!, words[7]!); // ::a.b.c.d
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(2, 6)) return v4(words[6]!, words[7]!); // 64:ff9b::/96
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!); // 2002:AABB:CCDD::/48
  return null;
}

function expandV6(ip: string): number[] | null {
  let text = ip.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const b = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const part = (s: string) => (s ? s.split(':').map((h) => Number.parseInt(h, 16)) : []);
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const words = [...h, ...Array(Math.max(0, fill)).fill(0), ...t];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** Why an address may not be fetched (in Chinese), or null for a public unicast address. */
export function addressProblem(ip: string): string | null {
  const family = net.isIP(ip);
  if (family === 4) return v4InRange(ip);
  if (family !== 6) return '不是有效的 IP 地址';
  const inner = embeddedV4(ip);
  if (inner) return v4InRange(inner);
  if (!blocked.check(ip, 'ipv6')) return null;
  for (const [a, p, why] of V6) {
    const one = new net.BlockList();
    one.addSubnet(a, p, 'ipv6');
    if (one.check(ip, 'ipv6')) return why;
  }
  return '保留地址';
}

interface AllowRule {
  host?: string; // exact name, or ".suffix" for a domain and its subdomains
  subnet?: { address: string; prefix: number; family: 'ipv4' | 'ipv6' };
  port?: number;
}

/**
 * Exceptions the operator names (FETCH_ALLOW): comma-separated host names (`oa.lianshui.gov.cn`,
 * `.intranet.lianshui` for a whole domain), addresses or subnets (`10.20.0.0/16`, `127.0.0.1`), each
 * optionally with a port (`127.0.0.1:8080`, `[::1]:8080`).
 */
export class AllowList {
  private constructor(private readonly rules: readonly AllowRule[]) {}

  static parse(text: string | undefined | null): AllowList {
    const rules: AllowRule[] = [];
    for (const raw of (text ?? '').split(',').map((s) => s.trim().toLowerCase())) {
      if (!raw) continue;
      let entry = raw;
      let port: number | undefined;
      const bracket = /^\[([^\]]+)\](?::(\d+))?(\/\d+)?$/.exec(entry);
      if (bracket) {
        entry = bracket[1]! + (bracket[3] ?? '');
        port = bracket[2] ? Number(bracket[2]) : undefined;
      } else if (!entry.includes('::') && /:(\d+)$/.test(entry) && entry.split(':').length === 2) {
        port = Number(entry.split(':')[1]);
        entry = entry.split(':')[0]!;
      }
      const [address, prefixText] = entry.split('/') as [string, string | undefined];
      const family = net.isIP(address);
      if (family) {
        const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
        rules.push({ subnet: { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' }, port });
      } else if (/^\.?[a-z0-9.-]+$/.test(entry)) rules.push({ host: entry, port });
      else throw new Error(`FETCH_ALLOW 中的条目无法识别：${raw}`);
    }
    return new AllowList(rules);
  }

  static none(): AllowList {
    return new AllowList([]);
  }

  /** Does an exception cover this host name (as written in the address) and port? */
  allowsHost(hostname: string, port: number): boolean {
    const h = hostname.toLowerCase();
    return this.rules.some(
      (r) =>
        r.host !== undefined &&
        (r.port === undefined || r.port === port) &&
        (r.host.startsWith('.') ? h.endsWith(r.host) || h === r.host.slice(1) : h === r.host),
    );
  }

  /** Does an exception cover this resolved address and port? */
  allowsAddress(ip: string, port: number): boolean {
    const family = net.isIP(ip) === 4 ? 'ipv4' : 'ipv6';
    return this.rules.some((r) => {
      if (!r.subnet || (r.port !== undefined && r.port !== port)) return false;
      const one = new net.BlockList();
      one.addSubnet(r.subnet.address, r.subnet.prefix, r.subnet.family);
      return one.check(ip, family);
    });
  }
}
