// Profile files as the API reads them: a file of another kind is refused before it is sent.

/** The endings of the profile files the API reads. */
export const PROFILE_FILES = ['.json', '.yaml', '.yml', '.xlsx'];

/** The chooser's filter: the endings and their media types. */
export const PROFILE_ACCEPT = [...PROFILE_FILES, 'application/json', 'application/yaml'].join(',');

/** Why a file is not a profile (by its name), or undefined when it may be one. */
export function notAProfile(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (PROFILE_FILES.some((e) => lower.endsWith(e))) return undefined;
  return `${name} is not a profile: choose a JSON (.json), YAML (.yaml, .yml) or Excel (.xlsx) file`;
}
