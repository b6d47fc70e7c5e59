import type { ThemeConfig } from 'antd';

// Ant Design's default blue, green and grey text fall below the WCAG AA contrast ratio (4.5:1) on
// white; these darker tokens keep every text and tag readable while looking like the default theme.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // Hover and pressed states darken instead of lighten, so white text on them stays readable.
    colorPrimaryHover: '#0a4cbc',
    colorPrimaryActive: '#083f9c',
    colorLinkHover: '#0a4cbc',
    colorLinkActive: '#083f9c',
    colorSuccess: '#1a7f37',
    colorWarning: '#9a6700',
    colorError: '#c9252d',
    colorInfo: '#0958d9',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    // Darker seeds make Ant Design derive greyish backgrounds; these keep alerts and tags light.
    colorSuccessBg: '#eaf6ec',
    colorSuccessBorder: '#a6d8b2',
    colorWarningBg: '#fff8e1',
    colorWarningBorder: '#f0d58a',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffc9c4',
    colorInfoBg: '#e8f1ff',
    colorInfoBorder: '#a9c7f7',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
};
