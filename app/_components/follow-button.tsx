import { follow, unfollow } from '@/app/(main)/actions';

/** Follow or unfollow, as a plain form so it works without JavaScript. */
export function FollowButton({ username, name, following, returnTo }: { username: string; name: string; following: boolean; returnTo: string }) {
  return (
    <form action={following ? unfollow : follow} className="follow-form">
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="next" value={returnTo} />
      <button type="submit" className={following ? 'secondary' : undefined}>
        {following ? 'Unfollow' : 'Follow'}
        <span className="visually-hidden"> {name}</span>
      </button>
    </form>
  );
}
