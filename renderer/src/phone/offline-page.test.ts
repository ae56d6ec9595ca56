import { describe, expect, it, vi } from 'vitest';
import { registerOfflinePage, type OfflineHost } from './offline-page';

function host(overrides: Partial<OfflineHost> = {}, register = vi.fn(() => Promise.resolve({}))) {
  return {
    register,
    host: {
      isSecureContext: true,
      location: { pathname: '/phone/' },
      navigator: { serviceWorker: { register } },
      ...overrides,
    },
  };
}

describe('registerOfflinePage', () => {
  it('registers /phone/sw.js for the /phone/ scope on a secure page', async () => {
    const { host: h, register } = host();
    await expect(registerOfflinePage(h)).resolves.toBe(true);
    expect(register).toHaveBeenCalledWith('/phone/sw.js', { scope: '/phone/' });
  });

  it('does nothing without a secure context, without support, or outside /phone/', async () => {
    for (const overrides of [
      { isSecureContext: false },
      { navigator: {} },
      { location: { pathname: '/phone.html' } },
    ] satisfies Partial<OfflineHost>[]) {
      const { host: h, register } = host(overrides);
      await expect(registerOfflinePage(h)).resolves.toBe(false);
      expect(register).not.toHaveBeenCalled();
    }
  });

  it('says so and carries on when the browser refuses the worker', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const refused = vi.fn(() => Promise.reject(new Error('An SSL certificate error occurred')));
    await expect(registerOfflinePage(host({}, refused).host)).resolves.toBe(false);
    expect(warn).toHaveBeenCalledWith('the phone page will not open offline:', 'An SSL certificate error occurred');
    warn.mockRestore();
  });
});
