import { describe, expect, it } from 'vitest';
import { loggerOptions, privateSerializers } from './logging.js';

describe('loggerOptions', () => {
  it('is off unless asked for', () => {
    expect(loggerOptions(undefined)).toBe(false);
    expect(loggerOptions(false)).toBe(false);
  });

  it('forces the private serializers on, over the caller’s', () => {
    const leaky = { req: (r: { url?: string }) => ({ url: r.url }) };
    const opts = loggerOptions({ level: 'debug', serializers: leaky });
    expect(opts).not.toBe(false);
    if (opts === false) return;
    expect(opts.level).toBe('debug');
    expect(opts.serializers?.['req']).toBe(privateSerializers.req);
    const on = loggerOptions(true);
    expect(on !== false && on.level).toBe('info');
  });

  it('logs the method and the route pattern of a request, nothing else', () => {
    const req = { method: 'GET', url: '/api/v1/actors?name=Ivanov', ip: '10.0.0.1', routeOptions: { url: '/api/v1/actors' }, headers: { cookie: 'x' } };
    expect(privateSerializers.req(req)).toEqual({ method: 'GET', route: '/api/v1/actors' });
    expect(privateSerializers.req({ method: 'GET' })).toEqual({ method: 'GET', route: '(no route)' });
    expect(privateSerializers.res({ statusCode: 201 })).toEqual({ statusCode: 201 });
    expect(JSON.stringify(privateSerializers.err(new Error('Ivanov')))).not.toContain('Ivanov');
  });
});

describe('redaction', () => {
  it('removes names, contacts, texts and addresses that a log call passes by mistake', async () => {
    const { default: pino } = await import('pino');
    const lines: string[] = [];
    const opts = loggerOptions({ level: 'info' });
    if (opts === false) throw new Error('logger expected');
    const log = pino({ level: 'info', redact: opts.redact }, { write: (s: string) => void lines.push(s) });
    log.info({ body: { names: ['Зульфия Исаева'] }, person: { name: 'Zulfiya Isaeva', contacts: ['+7 900 111-22-33'], address: '12 Lenin St' }, ip: '203.0.113.9', route: '/api/v1/persons' }, 'created');
    const out = lines.join('');
    for (const secret of ['Зульфия', 'Zulfiya', '+7 900', 'Lenin', '203.0.113.9']) expect(out).not.toContain(secret);
    expect(out).toContain('/api/v1/persons');
  });
});
