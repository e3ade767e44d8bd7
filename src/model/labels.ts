// Category names in both languages: used by scoring profiles and reporters alike.
import type { Category } from './types.js';

export const CATEGORY_LABEL: Record<Category, { zh: string; en: string }> = {
  search: { zh: '站内搜索', en: 'Site search' },
  freshness: { zh: '信息更新', en: 'Freshness' },
  accounts: { zh: '政务新媒体', en: 'New-media accounts' },
  navigation: { zh: '导航与层级', en: 'Navigation' },
  links: { zh: '链接可用性', en: 'Links' },
  accessibility: { zh: '无障碍与适老化', en: 'Accessibility' },
  interaction: { zh: '互动交流', en: 'Interaction' },
  services: { zh: '办事服务', en: 'Services' },
  security: { zh: '安全与隐私', en: 'Security and privacy' },
};
