import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('defaults to embedded PGlite in ./data, on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data/pglite' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.suppressionK).toBe(10);
  });

  it('reads the database location from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'memory://' }).database).toEqual({
      kind: 'pglite',
      dataDir: undefined,
    });
    expect(loadConfig({ DATABASE_URL: 'file:/var/lib/valuta' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/var/lib/valuta',
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/valuta', DATABASE_POOL_SIZE: '20' }).database,
    ).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/valuta',
      poolSize: 20,
    });
  });

  it('converts numbers and keeps PUBLIC_URL without a trailing slash', () => {
    const config = loadConfig({
      PORT: '8080',
      INGEST_BATCH_SIZE: '100',
      PUBLIC_URL: 'https://valuta.example.it/',
    });
    expect(config.port).toBe(8080);
    expect(config.ingest.batchSize).toBe(100);
    expect(config.publicUrl).toBe('https://valuta.example.it');
  });

  it('refuses bad values, naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    }
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default, and takes true, a number of hops or a list of addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1,10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(ConfigError);
  });
});
