import { follow, unfollow } from '@/app/(main)/actions';
import { SafeForm } from './safe-form';

/** Follow or unfollow: a form that works without JavaScript and, with it, says so when the click didn't get through. */
export function FollowButton({ username, name, following, returnTo }: { username: string; name: string; following: boolean; returnTo: string }) {
  return (
    <SafeForm action={following ? unfollow : follow} className="follow-form" compact>
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="next" value={returnTo} />
      <button type="submit" className={following ? 'secondary' : undefined}>
        {following ? 'Unfollow' : 'Follow'}
        <span className="visually-hidden"> {name}</span>
      </button>
    </SafeForm>
  );
}
