import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkProfile, NotAProfile, notAProfile } from './profiles';

describe('profile files', () => {
  it('takes JSON, YAML and Excel files, whatever the case of their ending', () => {
    for (const name of ['pump.json', 'pump.yaml', 'PUMP.YML', 'fleet pump.xlsx']) expect(notAProfile(name)).toBeUndefined();
  });

  it('refuses other files before they are sent, naming the file and what to choose', () => {
    expect(notAProfile('setup.exe')).toBe('setup.exe is not a profile: choose a JSON (.json), YAML (.yaml, .yml) or Excel (.xlsx) file');
    expect(notAProfile('profiles.zip')).toMatch(/^profiles\.zip is not a profile/);
    expect(notAProfile('pump.yaml.txt')).toBeDefined();
  });
});

describe('checkProfile', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends a profile file to the API and answers its validation', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ valid: true, format: 'yaml', problems: [] }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await expect(checkProfile(new File(['machine_id: p1'], 'pump.yaml'))).resolves.toMatchObject({ valid: true, format: 'yaml' });
    expect(fetch).toHaveBeenCalledWith('/api/gan/profiles/validate', expect.objectContaining({ method: 'POST' }));
  });

  it('refuses a file that is not a profile without sending it', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    await expect(checkProfile(new File(['MZ'], 'setup.exe'))).rejects.toBeInstanceOf(NotAProfile);
    expect(fetch).not.toHaveBeenCalled();
  });
});
