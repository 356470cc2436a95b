// Profile files as the API reads them: a file of another kind is refused before it is sent.
import { postFile, type Validation } from '../api';

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

/** A file refused before it was sent: not a profile by its name. */
export class NotAProfile extends Error {}

/**
 * The API's check of a profile file (nothing is created), for the single upload and for several files
 * alike; a file that is not a profile by its name is refused with NotAProfile before it is sent.
 */
export async function checkProfile(file: File): Promise<Validation> {
  const refused = notAProfile(file.name);
  if (refused) throw new NotAProfile(refused);
  return postFile<Validation>('/profiles/validate', file);
}
