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
