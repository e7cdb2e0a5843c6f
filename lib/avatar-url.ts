/** The square sizes, in pixels, every uploaded picture is stored at: two for lists and peeps (1x and 2x), one for profiles. */
export const AVATAR_SIZES = [48, 96, 400] as const;
export type AvatarSize = (typeof AVATAR_SIZES)[number];

export const isAvatarSize = (n: number): n is AvatarSize => (AVATAR_SIZES as readonly number[]).includes(n);

/** Where a picture is served; the version changes with every upload, so the address can be cached for good. */
export function avatarUrl(version: number, size: AvatarSize): string {
  return `/avatars/${version}/${size}.webp`;
}
