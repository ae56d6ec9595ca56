import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, parseConfig } from './load';
import { ConfigSchema, defaultConfig } from './schema';

function problems(text: string): string[] {
  try {
    parseConfig(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('configuration schema', () => {
  it('gives safe defaults for an empty file', () => {
    const config = parseConfig('', 'empty.yaml');
    expect(config).toEqual(defaultConfig());
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 8640,
      bodyLimitKb: 1024,
      // the phones' HTTPS listener stays off unless asked for
      lan: { enabled: false, host: '0.0.0.0', port: 8643 },
    });
    expect(config.ui.defaultLanguage).toBe('zh-CN');
    expect(config.log.level).toBe('info');
  });

  it('accepts a valid YAML file and keeps defaults for what it leaves out', () => {
    const config = parseConfig(
      [
        'server:',
        '  host: 0.0.0.0',
        '  port: 9000',
        'ffmpeg:',
        '  path: /opt/ffmpeg/bin/ffmpeg',
        'ui:',
        '  defaultLanguage: en',
      ].join('\n'),
      'ok.yaml',
    );
    expect(config.server).toEqual({
      host: '0.0.0.0',
      port: 9000,
      bodyLimitKb: 1024,
      lan: { enabled: false, host: '0.0.0.0', port: 8643 },
    });
    expect(config.ffmpeg.path).toBe('/opt/ffmpeg/bin/ffmpeg');
    expect(config.ui.defaultLanguage).toBe('en');
    expect(config.log.keepFiles).toBe(5);
  });

  it('accepts JSON too', () => {
    expect(parseConfig('{"server": {"port": 8000}}', 'c.json').server.port).toBe(8000);
  });

  it('reports every invalid field at once as path: message', () => {
    const list = problems(
      [
        'server:',
        '  port: 70000',
        '  host: ""',
        '  bodyLimitKb: 1.5',
        'log:',
        '  level: verbose',
        '  keepFiles: 0',
        '  fileSizeMb: "big"',
        'ui:',
        '  defaultLanguage: fr',
        'ffmpeg:',
        '  path: 42',
        'kameras: []',
      ].join('\n'),
    );
    const paths = list.map((l) => l.split(':')[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'server.port',
        'server.host',
        'server.bodyLimitKb',
        'log.level',
        'log.keepFiles',
        'log.fileSizeMb',
        'ui.defaultLanguage',
        'ffmpeg.path',
        '(root)',
      ]),
    );
    expect(list).toHaveLength(9);
    expect(list.find((l) => l.startsWith('server.port'))).toMatch(/65535/);
    expect(list.find((l) => l.startsWith('(root)'))).toMatch(/kameras/);
  });

  it('reports YAML syntax errors with their line', () => {
    const list = problems('server:\n  port: [1, 2\n');
    expect(list[0]).toMatch(/^\(line \d+\): /);
  });

  it('describes every field, for the generated settings forms', () => {
    interface Node {
      description?: string;
      properties?: Record<string, Node>;
      items?: Node;
    }
    const schema = z.toJSONSchema(ConfigSchema, { io: 'input' }) as Node;
    for (const [section, spec] of Object.entries(schema.properties ?? {})) {
      expect(spec.description, section).toBeTruthy();
      const fields = spec.properties ?? spec.items?.properties ?? {};
      expect(Object.keys(fields).length, section).toBeGreaterThan(0);
      for (const [field, fieldSpec] of Object.entries(fields)) {
        expect(fieldSpec.description, `${section}.${field}`).toBeTruthy();
      }
    }
  });

  it('keeps camera credentials out of URLs and refuses duplicate ids', () => {
    const camera = 'id: gate\n    name: 东门\n    gridCell: dc-01\n    detectUrl: rtsp://10.0.0.5/live';
    expect(parseConfig(`cameras:\n  - ${camera}\n`, 'c.yaml').cameras[0]).toMatchObject({
      id: 'gate',
      detect: { fps: 2, width: 640, height: 360 },
      enabled: true,
    });
    const list = problems(
      [
        'cameras:',
        '  - id: a',
        '    name: A',
        '    gridCell: g',
        '    detectUrl: rtsp://admin:secret@10.0.0.5/live',
        '  - id: a',
        '    name: B',
        '    gridCell: g',
        '    detectUrl: http://10.0.0.6/',
      ].join('\n'),
    );
    expect(list.some((l) => l.startsWith('cameras.0.detectUrl: ') && l.includes('`username`'))).toBe(true);
    expect(list.some((l) => l.startsWith('cameras.1.detectUrl: '))).toBe(true);
    expect(list.some((l) => l.startsWith('cameras.1.id: ') && l.includes('duplicate'))).toBe(true);
    expect(list.join('\n')).not.toContain('secret');
  });
});
