import { lang } from './i18n.js';

// A match reason as the person reads it. matching-service emits each reason with a stable `factor` code, its `value`
// (0..1) and an English `detail`; in Chinese the app writes the sentence itself from the factor and the numbers the
// detail carries (kilometres, pay, years, days, percentages). Names from the taxonomy (skills, occupations) stay as
// the service wrote them. A factor or a detail this code does not know is shown as the service wrote it, never dropped.

const pct = (value) => `${Math.round((value ?? 0) * 100)}%`;

const ZH = {
  distance: (d) => {
    if (/remote/.test(d)) return '远程工作，您接受远程办公';
    if (/no location/.test(d)) return '距离未知（缺少位置）';
    const km = d.match(/([\d.]+) km/);
    return km && `距离 ${km[1]} 公里`;
  },
  salary: (d) => {
    const m = d.match(/pays up to ([\d,.]+) (\w+) a month; expects ([\d,.]+)/);
    return m && `月薪最高 ${m[1]} ${m[2]}，您的期望为 ${m[3]}`;
  },
  experience: (d) => {
    const m = d.match(/([\d.]+) years of experience; ([\d.]+) asked/);
    return m && `工作经验 ${m[1]} 年，职位要求 ${m[2]} 年`;
  },
  freshness: (d) => {
    if (/posted today/.test(d)) return '今天发布';
    const m = d.match(/posted (\d+) days ago/);
    return m && `${m[1]} 天前发布`;
  },
  profileFit: (d, r) => `您的技能覆盖该职业所需技能的 ${(d.match(/(\d+)%/) || [])[1] ?? Math.round(r.value * 100)}%`,
  occupation: (d, r) => {
    const isco = d.match(/ISCO (?:minor group |sub-major group |major group )?(\d+)/);
    const kind = /sub-major group/.test(d) ? '同一职业大类' : /minor group/.test(d) ? '同一职业小类'
      : /major group/.test(d) ? '同一职业门类' : '职业相同';
    return `${kind}${isco ? `（ISCO ${isco[1]}）` : ''}，相符程度 ${pct(r.value)}`;
  },
  skills: (d, r) => {
    const parts = [];
    const required = d.match(/(\d+) of (\d+) (specific )?required skills(?:: ([^;]*))?/);
    if (required) parts.push(`具备 ${required[2]} 项${required[3] ? '专业' : ''}必备技能中的 ${required[1]} 项${required[4] ? `：${required[4]}` : ''}`);
    const other = d.match(/(\d+) of (\d+) other skills(?:: ([^;]*))?/);
    if (other) parts.push(`其他技能 ${other[2]} 项中具备 ${other[1]} 项${other[3] ? `：${other[3]}` : ''}`);
    const described = d.match(/(\d+) skills from the description(?:: ([^;]*))?/);
    if (described) parts.push(`职位描述中的技能 ${described[1]} 项${described[2] ? `：${described[2]}` : ''}`);
    const related = d.match(/related to ([^;]*)/);
    if (related) parts.push(`相关技能：${related[1]}`);
    const covers = d.match(/covers (\d+)% of the posting's weighted skills, uses (\d+)% of the seeker's/);
    parts.push(covers ? `覆盖职位技能的 ${covers[1]}%，用到您技能的 ${covers[2]}%` : `技能相符程度 ${pct(r.value)}`);
    return parts.join('；');
  },
};

/** The reason's text in the current language. */
export function reasonText(reason) {
  const detail = reason.detail || '';
  if (lang() === 'zh' && ZH[reason.factor]) {
    const text = ZH[reason.factor](detail, reason);
    if (text) return text;
  }
  return detail || reason.factor;
}
