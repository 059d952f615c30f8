import { afterEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../../testing/fhir-server/temp-store';
import { ServerSettingsStore } from './server-settings';

let store: TempStore | undefined;
afterEach(() => store?.cleanup());

describe('FHIR server settings', () => {
  it('saves per site, finds by URL, and keeps no secret in the store', () => {
    store = tempStore();
    const settings = new ServerSettingsStore(store.db);
    settings.save({ site: 'main', baseUrl: 'https://ehr.example/fhir/', auth: { kind: 'basic', username: 'ws' } });
    settings.save({
      site: 'smart',
      baseUrl: 'https://other.example/r4',
      auth: { kind: 'smart-backend', clientId: 'c', tokenUrl: 'https://other.example/token', alg: 'RS384', keyId: 'k', scope: 'system/*.rs' },
    });
    expect(settings.findByUrl('https://ehr.example/fhir')).toEqual({ site: 'main', baseUrl: 'https://ehr.example/fhir', auth: { kind: 'basic', username: 'ws' } });
    expect(settings.list().map((s) => s.site)).toEqual(['main', 'smart']);
    expect(() => settings.save({ site: 'x', baseUrl: 'not a url', auth: { kind: 'none' } })).toThrow();
    const stored = JSON.stringify(store.db.prepare('SELECT * FROM fhir_servers').all());
    expect(stored).not.toMatch(/password|private|token"/i);
    settings.remove('main');
    expect(settings.get('main')).toBeUndefined();
  });
});
