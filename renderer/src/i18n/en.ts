import type { Messages } from './zh-CN';

/** English. Typed as `Messages`, so a missing or extra key fails the type check. */
export const en: Messages = {
  app: {
    name: 'Anxun',
    tagline: 'Governance centre · online monitoring + field patrol',
  },
  header: {
    language: 'Language',
    languageSaveFailed: 'The language setting was not saved: {{reason}}',
    link: {
      open: 'Live link up',
      connecting: 'Connecting…',
      closed: 'Live link down, retrying',
    },
  },
  language: {
    'zh-CN': '中文',
    en: 'English',
  },
  nav: {
    label: 'Main navigation',
    operator: 'Operator',
    inspector: 'Grid inspector',
    technician: 'Technician',
    system: 'System status',
  },
  placeholder: {
    notice: 'The tools of this page come in a later version; it shows no data yet.',
    plannedTitle: 'What will be done here',
  },
  operator: {
    title: 'Operator desk',
    summary:
      'The duty operator at the centre watches the alert queue and the video wall, confirms or dismisses alerts, dispatches patrol tasks, verifies what the inspector found, and answers for time limits and for the weekly and monthly reports to the county.',
    duties: {
      queue: 'Alert queue: open alerts (fire, smoke, zone intrusion…) by time and urgency',
      wall: 'Video wall: live views of the cameras and alert snapshots',
      confirm: 'Confirm or dismiss an alert, with the reason for a dismissal',
      dispatch: 'Dispatch an incident to the inspector of its grid cell and follow its time limit',
      verify: "Verify the inspector's result from the site and close the case",
      reports: 'Weekly and monthly reports: closure rate, on-time closure rate, overdue list',
    },
  },
  inspector: {
    title: 'Inspector tasks',
    summary:
      "The village grid inspector receives patrol tasks on a phone over the centre's LAN, accepts them or returns a wrongly dispatched one, checks in on site and reports the outcome.",
    duties: {
      receive: 'See the tasks dispatched to me and the time left',
      accept: 'Accept a task, or return a wrongly dispatched one with a reason',
      checkin: 'Check in on site with a photo and the position',
      report:
        'Report the outcome: a real incident handled, or a false alarm and why (sunset, lamp, steam, cooking smoke…)',
    },
  },
  technician: {
    title: 'Technician desk',
    summary:
      'The technician adds cameras and checks that they stream, draws zones and masks, chooses models, and tunes thresholds per camera and class against what operators and inspectors reported.',
    duties: {
      cameras: 'Add cameras and check their streams',
      zones: 'Draw zones of interest and masks',
      models: 'Choose detection models',
      thresholds: 'Tune thresholds per camera and class from verified results',
      health: 'Watch camera health',
    },
    systemLink: 'Open the system status (software versions, FFmpeg, data folder, log)',
  },
  system: {
    title: 'System status',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    loading: 'Reading the system status…',
    loadFailed: 'Cannot read the system status',
    retry: 'Retry',
    notAvailable: '—',
    sections: {
      app: 'Application',
      runtime: 'Runtime',
      ffmpeg: 'FFmpeg',
      storage: 'Storage',
    },
    fields: {
      name: 'Name',
      version: 'Version',
      shell: 'Shell',
      startedAt: 'Started at',
      uptime: 'Uptime',
      node: 'Node.js',
      electron: 'Electron',
      onnxruntime: 'ONNX Runtime',
      sqlite: 'SQLite',
      platform: 'Platform',
      ffmpegVersion: 'Version',
      ffmpegPath: 'Binary',
      ffmpegSource: 'Source',
      ffmpegError: 'Error',
      dataDir: 'Data folder',
      databasePath: 'Database file',
      schemaVersion: 'Schema version',
    },
    shells: {
      electron: 'Desktop (Electron)',
      http: 'Browser (HTTP)',
    },
    ffmpegSources: {
      config: 'Set in the configuration',
      path: 'System PATH',
      bundled: 'Bundled npm package',
    },
    ffmpegUnavailable: 'Unavailable',
    uptimeDays: '{{days}} d {{time}}',
  },
  models: {
    title: 'Detection models',
    loadFailed: 'Cannot read the model list',
    empty: 'No detection model found',
    columns: {
      model: 'Model',
      classes: 'Classes',
      status: 'Status',
      processed: 'Frames processed',
      inferMs: 'Inference p50 / p95 (ms)',
    },
    statuses: {
      available: 'Available',
      starting: 'Starting',
      unavailable: 'Unavailable',
    },
  },
  logs: {
    title: 'Recent log',
    loading: 'Reading the log…',
    empty: 'No log entries',
    loadFailed: 'Cannot read the log',
    columns: {
      time: 'Time',
      level: 'Level',
      module: 'Module',
      message: 'Message',
    },
    levels: {
      trace: 'trace',
      debug: 'debug',
      info: 'info',
      warn: 'warn',
      error: 'error',
      fatal: 'fatal',
    },
  },
  error: {
    code: 'Error code',
  },
};
