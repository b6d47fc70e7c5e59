import { describe, expect, it } from 'vitest';
import { AllowList, addressProblem } from './address-policy.js';

describe('addressProblem', () => {
  it('refuses every address that is not public unicast', () => {
    for (const ip of [
      '127.0.0.1',
      '127.255.255.254',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '198.18.0.1',
      '::',
      '::1',
      'fe80::1',
      'fd00::1',
      'fc00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::',
      '::127.0.0.1',
      '2001:db8::1',
    ])
      expect(addressProblem(ip), ip).not.toBeNull();
  });

  it('lets public addresses through', () => {
    for (const ip of ['58.213.152.1', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2400:3200::1', '::ffff:8.8.8.8'])
      expect(addressProblem(ip), ip).toBeNull();
  });

  it('names what kind of address it is', () => {
    expect(addressProblem('127.0.0.1')).toBe('本机地址');
    expect(addressProblem('::ffff:10.0.0.1')).toBe('内网地址');
    expect(addressProblem('169.254.169.254')).toBe('链路本地地址（含云服务元数据地址）');
  });
});

describe('AllowList', () => {
  const allow = AllowList.parse('oa.lianshui.gov.cn, .intranet.lianshui, 10.20.0.0/16, 127.0.0.1:8080, [::1]:9000');
  it('matches names, domains, subnets and ports', () => {
    expect(allow.allowsHost('OA.lianshui.gov.cn', 443)).toBe(true);
    expect(allow.allowsHost('x.intranet.lianshui', 80)).toBe(true);
    expect(allow.allowsHost('intranet.lianshui', 80)).toBe(true);
    expect(allow.allowsHost('evilintranet.lianshui', 80)).toBe(false);
    expect(allow.allowsAddress('10.20.3.4', 80)).toBe(true);
    expect(allow.allowsAddress('10.21.0.1', 80)).toBe(false);
    expect(allow.allowsAddress('127.0.0.1', 8080)).toBe(true);
    expect(allow.allowsAddress('127.0.0.1', 8081)).toBe(false);
    expect(allow.allowsAddress('::1', 9000)).toBe(true);
  });
  it('refuses an entry it cannot read, naming it', () => {
    expect(() => AllowList.parse('ok.cn, http://x/')).toThrow('FETCH_ALLOW 中的条目无法识别：http://x/');
  });
});
