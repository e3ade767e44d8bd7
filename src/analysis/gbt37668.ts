// WCAG success criteria → GB/T 37668-2019 indicators. GB/T 37668-2019 (信息技术 互联网内容
// 无障碍可访问性技术要求与测试方法) adopts the WCAG 2.0/2.1 criteria under the same four principles
// (可感知性, 可操作性, 可理解性, 兼容性) with 58 indicators in three levels (一级 20, 二级 +17, 三级 all),
// level 一级/二级 corresponding roughly to A/AA (domain.md §4). The indicator names below are the
// criteria's Chinese names; the standard's own clause numbers were not available to us and are
// deliberately not given (unconfirmed). Criteria WCAG 2.2 added after the standard map to nothing.

export interface GbtIndicator {
  principle: '可感知性' | '可操作性' | '可理解性' | '兼容性';
  indicator: string;
  level: '一级' | '二级' | '三级';
}

const P = '可感知性', O = '可操作性', U = '可理解性', R = '兼容性';

export const GBT_37668: Record<string, GbtIndicator> = {
  '1.1.1': { principle: P, indicator: '非文本内容', level: '一级' },
  '1.2.1': { principle: P, indicator: '仅音频和仅视频（预录制）', level: '一级' },
  '1.2.2': { principle: P, indicator: '字幕（预录制）', level: '一级' },
  '1.2.3': { principle: P, indicator: '音频描述或媒体替代（预录制）', level: '一级' },
  '1.2.5': { principle: P, indicator: '音频描述（预录制）', level: '二级' },
  '1.3.1': { principle: P, indicator: '信息和关系', level: '一级' },
  '1.3.2': { principle: P, indicator: '有意义的序列', level: '一级' },
  '1.3.3': { principle: P, indicator: '感官特征', level: '一级' },
  '1.3.4': { principle: P, indicator: '方向', level: '二级' },
  '1.3.5': { principle: P, indicator: '识别输入目的', level: '二级' },
  '1.4.1': { principle: P, indicator: '颜色的使用', level: '一级' },
  '1.4.2': { principle: P, indicator: '音频控制', level: '一级' },
  '1.4.3': { principle: P, indicator: '对比度（最低）', level: '二级' },
  '1.4.4': { principle: P, indicator: '调整文字大小', level: '二级' },
  '1.4.5': { principle: P, indicator: '文字图像', level: '二级' },
  '1.4.6': { principle: P, indicator: '对比度（增强）', level: '三级' },
  '1.4.10': { principle: P, indicator: '重排', level: '二级' },
  '1.4.11': { principle: P, indicator: '非文本对比度', level: '二级' },
  '1.4.12': { principle: P, indicator: '文本间距', level: '二级' },
  '1.4.13': { principle: P, indicator: '悬停或获得焦点时的内容', level: '二级' },
  '2.1.1': { principle: O, indicator: '键盘', level: '一级' },
  '2.1.2': { principle: O, indicator: '无键盘陷阱', level: '一级' },
  '2.1.4': { principle: O, indicator: '字符键快捷键', level: '一级' },
  '2.2.1': { principle: O, indicator: '时间限制可调', level: '一级' },
  '2.2.2': { principle: O, indicator: '暂停、停止、隐藏', level: '一级' },
  '2.3.1': { principle: O, indicator: '三次闪烁或低于阈值', level: '一级' },
  '2.4.1': { principle: O, indicator: '跳过区块', level: '一级' },
  '2.4.2': { principle: O, indicator: '网页标题', level: '一级' },
  '2.4.3': { principle: O, indicator: '焦点顺序', level: '一级' },
  '2.4.4': { principle: O, indicator: '链接目的（上下文）', level: '一级' },
  '2.4.5': { principle: O, indicator: '多种方式', level: '二级' },
  '2.4.6': { principle: O, indicator: '标题和标签', level: '二级' },
  '2.4.7': { principle: O, indicator: '焦点可见', level: '二级' },
  '2.5.1': { principle: O, indicator: '指针手势', level: '一级' },
  '2.5.2': { principle: O, indicator: '指针取消', level: '一级' },
  '2.5.3': { principle: O, indicator: '标签中包含名称', level: '一级' },
  '2.5.4': { principle: O, indicator: '动作激活', level: '一级' },
  '3.1.1': { principle: U, indicator: '网页的语言', level: '一级' },
  '3.1.2': { principle: U, indicator: '部分的语言', level: '二级' },
  '3.2.1': { principle: U, indicator: '获得焦点', level: '一级' },
  '3.2.2': { principle: U, indicator: '输入', level: '一级' },
  '3.2.3': { principle: U, indicator: '一致的导航', level: '二级' },
  '3.2.4': { principle: U, indicator: '一致的识别', level: '二级' },
  '3.3.1': { principle: U, indicator: '错误识别', level: '一级' },
  '3.3.2': { principle: U, indicator: '标签或说明', level: '一级' },
  '3.3.3': { principle: U, indicator: '错误建议', level: '二级' },
  '3.3.4': { principle: U, indicator: '错误预防（法律、金融、数据）', level: '二级' },
  '4.1.1': { principle: R, indicator: '解析', level: '一级' },
  '4.1.2': { principle: R, indicator: '名称、角色、值', level: '一级' },
  '4.1.3': { principle: R, indicator: '状态消息', level: '二级' },
};

/** axe tags (`wcag111`, `wcag1410`) → success criteria (`1.1.1`, `1.4.10`). */
export function criteriaOf(tags: string[]): string[] {
  return tags.flatMap((t) => {
    const m = /^wcag(\d)(\d)(\d+)$/.exec(t);
    return m ? [`${m[1]}.${m[2]}.${m[3]}`] : [];
  });
}

export function gbtOf(criteria: string[]): string[] {
  return criteria.flatMap((c) => {
    const g = GBT_37668[c];
    return g ? [`GB/T 37668-2019 ${g.principle}·${g.indicator}（${g.level}，WCAG ${c}）`] : [];
  });
}
