import { Tag } from 'antd';

/** An item online through an emergency publication whose review afterwards has not cleared it. */
export function UnreviewedTag() {
  return (
    <Tag color="error" className="flag-unreviewed" title="紧急发布，事后审核尚未通过">
      未经审核
    </Tag>
  );
}
