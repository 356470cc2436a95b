import { describe, expect, it } from 'vitest';
import { notAProfile } from './profiles';

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
