/** Simplified Chinese, the default language. Its shape is the reference every other language must match. */
export const zhCN = {
  app: {
    name: '安巡',
    tagline: '综治中心 · 线上监测 + 线下巡查',
  },
  header: {
    language: '语言',
    languageSaveFailed: '语言设置未能保存：{{reason}}',
    link: {
      open: '实时连接正常',
      connecting: '正在连接…',
      closed: '实时连接已断开，正在重试',
    },
  },
  language: {
    'zh-CN': '中文',
    en: 'English',
  },
  nav: {
    label: '主导航',
    operator: '值班员',
    inspector: '网格员',
    technician: '运维',
    system: '系统状态',
  },
  placeholder: {
    notice: '本页面的功能将在后续版本中提供，目前不显示任何数据。',
    plannedTitle: '将在这里完成的工作',
  },
  operator: {
    title: '值班员工作台',
    summary:
      '中心值班员在这里盯住告警队列和视频墙，对告警进行确认或排除，派发巡查任务，核实网格员的处置结果，并对办结时限和上报县里的周报、月报负责。',
    duties: {
      queue: '告警队列：按时间和紧急程度排列的待处理告警（火情、烟雾、区域闯入等）',
      wall: '视频墙：各路摄像头的实时画面和告警截图',
      confirm: '确认或排除告警，排除时记录原因',
      dispatch: '将事件派发给负责该网格的网格员，跟踪任务时限',
      verify: '核实网格员回传的现场结果并结案',
      reports: '周报、月报：结案率、按期结案率、超期清单',
    },
  },
  inspector: {
    title: '网格员任务',
    summary: '村里的网格员通过中心局域网在手机上接收巡查任务：接受任务或退回派错的任务，到现场打卡，回报处置结果。',
    duties: {
      receive: '查看派给自己的任务和剩余时限',
      accept: '接受任务，或说明理由退回派错的任务',
      checkin: '到达现场后拍照并记录位置打卡',
      report: '回报结果：确有其事并已处置，或误报及原因（夕阳、灯光、蒸汽、炊烟等）',
    },
  },
  technician: {
    title: '运维工作台',
    summary:
      '运维人员在这里接入摄像头并检查取流，绘制关注区域和屏蔽区域，选择识别模型，并依据值班员和网格员的反馈按摄像头、按类别调整阈值。',
    duties: {
      cameras: '添加摄像头并检查视频流是否正常',
      zones: '绘制关注区域和屏蔽区域',
      models: '选择识别模型',
      thresholds: '根据核实结果按摄像头和类别调整阈值',
      health: '查看摄像头健康状况',
    },
    systemLink: '查看系统状态（软件版本、FFmpeg、数据目录、日志）',
  },
  system: {
    title: '系统状态',
    refresh: '刷新',
    refreshing: '正在刷新…',
    loading: '正在读取系统状态…',
    loadFailed: '无法读取系统状态',
    retry: '重试',
    notAvailable: '—',
    sections: {
      app: '应用',
      runtime: '运行环境',
      ffmpeg: 'FFmpeg',
      storage: '数据存储',
    },
    fields: {
      name: '名称',
      version: '版本',
      shell: '运行方式',
      startedAt: '启动时间',
      uptime: '已运行',
      node: 'Node.js',
      electron: 'Electron',
      onnxruntime: 'ONNX Runtime',
      sqlite: 'SQLite',
      platform: '平台',
      ffmpegVersion: '版本',
      ffmpegPath: '程序路径',
      ffmpegSource: '来源',
      ffmpegError: '错误',
      dataDir: '数据目录',
      databasePath: '数据库文件',
      schemaVersion: '数据库结构版本',
    },
    shells: {
      electron: '桌面程序（Electron）',
      http: '浏览器（HTTP）',
    },
    ffmpegSources: {
      config: '配置文件指定',
      path: '系统 PATH',
      bundled: '随附的 npm 包',
    },
    ffmpegUnavailable: '不可用',
    uptimeDays: '{{days}} 天 {{time}}',
  },
  models: {
    title: '检测模型',
    loadFailed: '无法读取模型列表',
    empty: '没有找到检测模型',
    columns: {
      model: '模型',
      classes: '类别',
      status: '状态',
      processed: '已处理帧数',
      inferMs: '推理耗时 p50 / p95（毫秒）',
    },
    statuses: {
      available: '可用',
      starting: '启动中',
      unavailable: '不可用',
    },
  },
  logs: {
    title: '最近日志',
    loading: '正在读取日志…',
    empty: '暂无日志',
    loadFailed: '无法读取日志',
    columns: {
      time: '时间',
      level: '级别',
      module: '模块',
      message: '内容',
    },
    levels: {
      trace: '跟踪',
      debug: '调试',
      info: '信息',
      warn: '警告',
      error: '错误',
      fatal: '致命',
    },
  },
  error: {
    code: '错误代码',
  },
} as const;

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language resource has: the same keys as the Chinese one, with any text. */
export type Messages = Widen<typeof zhCN>;
