import { ROLES } from '@/lib/domain/roles';

/** Roles a note can address as a whole (devices and partners are not on the floor). */
export const MENTIONABLE_ROLES: readonly string[] = ROLES.filter((r) => r !== 'wall_device' && r !== 'partner_viewer');

/**
 * `@name` tokens of a note: role names (`@supervisor`, plural allowed) and usernames, lower-cased and unique.
 * A token must start the text or follow a space or bracket, so an e-mail address is not a mention.
 */
export function parseMentions(text: string): { usernames: string[]; roles: string[] } {
  const usernames = new Set<string>();
  const roles = new Set<string>();
  for (const m of text.matchAll(/(?:^|[\s([{])@([A-Za-z0-9][\w.-]{0,62}[A-Za-z0-9_]|[A-Za-z0-9])/g)) {
    const token = m[1]!.toLowerCase();
    const role = MENTIONABLE_ROLES.find((r) => token === r || token === `${r}s`);
    if (role) roles.add(role);
    else usernames.add(token);
  }
  return { usernames: [...usernames], roles: [...roles] };
}
