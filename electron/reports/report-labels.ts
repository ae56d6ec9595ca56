/**
 * Words of the task report in Chinese (the default) and English: column headers, states, categories, sources,
 * severity tiers, false-alarm reasons and escalation levels. Codes not listed here are shown as they are.
 */
import type { REPORT_SEVERITIES, REPORT_TASK_SOURCES, REPORT_TASK_STATES } from './report-schema';

export type ReportLanguage = 'zh-CN' | 'en';

type State = (typeof REPORT_TASK_STATES)[number];
type Source = (typeof REPORT_TASK_SOURCES)[number];
type Severity = (typeof REPORT_SEVERITIES)[number];

interface Words {
  title: string;
  period: string;
  from: string;
  toExcluded: string;
  scope: string;
  scopeAll: string;
  township: string;
  cell: string;
  inspector: string;
  generatedAt: string;
  none: string;
  sections: Record<'overall' | 'byTownship' | 'byCell' | 'byInspector' | 'overdue' | 'byCamera' | 'byReason', string>;
  /** What follows the overdue section's title: how many there are and how many are listed. */
  overdueOf: (total: number, listed: number) => string;
  columns: Record<
    | 'townshipCode'
    | 'townshipName'
    | 'cellCode'
    | 'cellName'
    | 'inspectorId'
    | 'inspectorName'
    | 'total'
    | 'closed'
    | 'voided'
    | 'closedOnTime'
    | 'closedLate'
    | 'closureRate'
    | 'onTimeRate'
    | 'medianCloseMin'
    | 'overdue'
    | 'escalatedTownship'
    | 'escalatedCounty'
    | 'number'
    | 'taskTitle'
    | 'state'
    | 'category'
    | 'severity'
    | 'assignees'
    | 'createdAt'
    | 'dueAt'
    | 'overdueH'
    | 'escalation'
    | 'cameraId'
    | 'cameraName'
    | 'withOutcome'
    | 'falseAlarms'
    | 'falseAlarmRate'
    | 'reason'
    | 'count'
    | 'share',
    string
  >;
  /** Prefixes of the count columns: `状态：上报`, `state: reported`. */
  prefix: Record<'state' | 'category' | 'source' | 'severity' | 'reason', string>;
  states: Record<State, string>;
  sources: Record<Source, string>;
  severities: Record<Severity, string>;
  categories: Record<string, string>;
  reasons: Record<string, string>;
  escalation: [string, string, string];
}

const ZH: Words = {
  title: '安巡 巡查任务报表',
  period: '统计周期',
  from: '起',
  toExcluded: '止（不含）',
  scope: '范围',
  scopeAll: '全部',
  township: '乡镇',
  cell: '网格',
  inspector: '网格员',
  generatedAt: '生成时间',
  none: '（未指定）',
  sections: {
    overall: '总体',
    byTownship: '按乡镇',
    byCell: '按网格',
    byInspector: '按网格员',
    overdue: '超期未结任务',
    byCamera: '误报（按摄像机）',
    byReason: '误报（按原因）',
  },
  overdueOf: (total, listed) => `（共 ${total} 件，列出 ${listed} 件）`,
  columns: {
    townshipCode: '乡镇代码',
    townshipName: '乡镇',
    cellCode: '网格代码',
    cellName: '网格',
    inspectorId: '网格员编号',
    inspectorName: '网格员',
    total: '任务数',
    closed: '结案数',
    voided: '作废数',
    closedOnTime: '按期结案数',
    closedLate: '超期结案数',
    closureRate: '结案率',
    onTimeRate: '按期结案率',
    medianCloseMin: '结案用时中位数（分钟）',
    overdue: '超期未结',
    escalatedTownship: '升级至乡镇',
    escalatedCounty: '升级至县',
    number: '任务编号',
    taskTitle: '标题',
    state: '状态',
    category: '类别',
    severity: '等级',
    assignees: '处置人',
    createdAt: '上报时间',
    dueAt: '办结时限',
    overdueH: '超期时长（小时）',
    escalation: '督办层级',
    cameraId: '摄像机编号',
    cameraName: '摄像机',
    withOutcome: '有处置结果',
    falseAlarms: '误报',
    falseAlarmRate: '误报率',
    reason: '原因',
    count: '次数',
    share: '占比',
  },
  prefix: { state: '状态：', category: '类别：', source: '来源：', severity: '等级：', reason: '原因：' },
  states: {
    reported: '上报',
    accepted: '受理',
    dispatched: '派遣',
    handling: '处置',
    feedback: '反馈',
    verification: '核查',
    closed: '结案',
    returned: '回退',
    parked: '挂账',
    voided: '作废',
  },
  sources: { video_ai: '视频智能识别', patrol: '网格巡查', hotline: '热线', manual: '人工录入', system: '系统' },
  severities: { red: '红色', yellow: '黄色', blue: '蓝色' },
  categories: {
    fire: '火情',
    smoke: '烟雾',
    intrusion: '区域入侵',
    crowding: '人员聚集',
    loitering: '徘徊逗留',
    camera_offline: '摄像机离线',
    safety_hazard: '安全隐患',
    environment: '环境卫生',
    dispute: '矛盾纠纷',
    other: '其他',
  },
  reasons: {
    sunset: '夕阳',
    lamp: '灯光',
    steam: '蒸汽',
    cooking: '炊烟',
    reflection: '反光',
    other: '其他',
    unspecified: '未注明',
  },
  escalation: ['村级', '乡镇', '县级'],
};

const EN: Words = {
  title: 'Anxun patrol task report',
  period: 'Period',
  from: 'From',
  toExcluded: 'To (excluded)',
  scope: 'Scope',
  scopeAll: 'all',
  township: 'township',
  cell: 'grid cell',
  inspector: 'inspector',
  generatedAt: 'Generated at',
  none: '(none)',
  sections: {
    overall: 'Overall',
    byTownship: 'By township',
    byCell: 'By grid cell',
    byInspector: 'By inspector',
    overdue: 'Overdue tasks',
    byCamera: 'False alarms by camera',
    byReason: 'False alarms by reason',
  },
  overdueOf: (total, listed) => ` (${total} in all, ${listed} listed)`,
  columns: {
    townshipCode: 'Township code',
    townshipName: 'Township',
    cellCode: 'Cell code',
    cellName: 'Grid cell',
    inspectorId: 'Inspector id',
    inspectorName: 'Inspector',
    total: 'Tasks',
    closed: 'Closed',
    voided: 'Voided',
    closedOnTime: 'Closed on time',
    closedLate: 'Closed late',
    closureRate: 'Closure rate',
    onTimeRate: 'On-time closure rate',
    medianCloseMin: 'Median time to close (min)',
    overdue: 'Overdue',
    escalatedTownship: 'Escalated to township',
    escalatedCounty: 'Escalated to county',
    number: 'Task no.',
    taskTitle: 'Title',
    state: 'State',
    category: 'Category',
    severity: 'Severity',
    assignees: 'Assignees',
    createdAt: 'Reported at',
    dueAt: 'Due at',
    overdueH: 'Overdue by (h)',
    escalation: 'Escalation',
    cameraId: 'Camera id',
    cameraName: 'Camera',
    withOutcome: 'With outcome',
    falseAlarms: 'False alarms',
    falseAlarmRate: 'False-alarm rate',
    reason: 'Reason',
    count: 'Count',
    share: 'Share',
  },
  prefix: { state: 'state: ', category: 'category: ', source: 'source: ', severity: 'severity: ', reason: 'reason: ' },
  states: {
    reported: 'reported',
    accepted: 'accepted',
    dispatched: 'dispatched',
    handling: 'handling',
    feedback: 'feedback',
    verification: 'verification',
    closed: 'closed',
    returned: 'returned',
    parked: 'parked',
    voided: 'voided',
  },
  sources: { video_ai: 'video AI', patrol: 'patrol', hotline: 'hotline', manual: 'manual', system: 'system' },
  severities: { red: 'red', yellow: 'yellow', blue: 'blue' },
  categories: {
    fire: 'fire',
    smoke: 'smoke',
    intrusion: 'intrusion',
    crowding: 'crowding',
    loitering: 'loitering',
    camera_offline: 'camera offline',
    safety_hazard: 'safety hazard',
    environment: 'environment',
    dispute: 'dispute',
    other: 'other',
  },
  reasons: {
    sunset: 'sunset',
    lamp: 'lamp',
    steam: 'steam',
    cooking: 'cooking smoke',
    reflection: 'reflection',
    other: 'other',
    unspecified: 'unspecified',
  },
  escalation: ['village', 'township', 'county'],
};

export function reportWords(lang: ReportLanguage): Words {
  return lang === 'en' ? EN : ZH;
}
