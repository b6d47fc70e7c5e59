// Deterministic demo names for the 附件3 roster: common surnames and given names, combined by index,
// so a demo database always looks the same.

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧'];
const GIVEN = ['建国', '海燕', '志强', '丽华', '文博', '晓东', '静', '伟', '敏', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '平', '刚', '桂英', '玉兰', '红梅', '晨', '欣怡', '子涵', '浩然'];

export function demoPerson(i: number, role: 'leader' | 'officer') {
  const name = SURNAMES[(i * 7) % SURNAMES.length]! + GIVEN[(i * 11 + 3) % GIVEN.length]!;
  const phone = `0517-8238${String(1000 + ((i * 37) % 9000)).padStart(4, '0')}`;
  return {
    name,
    phone,
    post: (unit: string) => (role === 'leader' ? (/镇|街道/.test(unit) ? '党委委员、副镇长' : '副局长') : '办公室科员'),
  };
}
