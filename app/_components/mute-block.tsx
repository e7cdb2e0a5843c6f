import { block, mute, unblock, unmute } from '@/app/(main)/actions';
import { SafeForm } from './safe-form';

type Target = { username: string; name: string; returnTo: string };

const ACTIONS = { mute, unmute, block, unblock } as const;
const LABELS = { mute: 'Mute', unmute: 'Unmute', block: 'Block', unblock: 'Unblock' } as const;

/** One of mute, unmute, block or unblock for one person: works without JavaScript and, with it, says when a click didn't get through. */
export function SilenceButton({ action, username, name, returnTo, className }: Target & { action: keyof typeof ACTIONS; className?: string }) {
  return (
    <SafeForm action={ACTIONS[action]} className="silence-form" compact>
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="next" value={returnTo} />
      <button type="submit" className={className ?? 'secondary'}>
        {LABELS[action]}
        <span className="visually-hidden"> {name}</span>
      </button>
    </SafeForm>
  );
}

/**
 * The profile's "More" menu: mute and block, each undoable here and in settings. Opening the menu is the step that
 * asks first: each choice says what it does before it is pressed.
 */
export function PersonMenu({ muted, blocked, ...target }: Target & { muted: boolean; blocked: boolean }) {
  return (
    <details className="person-menu">
      <summary className="button secondary">
        More<span className="visually-hidden"> for @{target.username}</span>
      </summary>
      <div className="person-menu-items">
        <div>
          <SilenceButton action={muted ? 'unmute' : 'mute'} {...target} />
          <p className="hint">
            {muted
              ? 'Their peeps and reposts come back to your timelines.'
              : 'Hide their peeps and reposts from your timelines and search, and their mentions from your email. They aren’t told.'}
          </p>
        </div>
        <div>
          <SilenceButton action={blocked ? 'unblock' : 'block'} {...target} className={blocked ? 'secondary' : 'danger-button'} />
          <p className="hint">
            {blocked
              ? 'They can follow you again, and you see each other’s peeps. Follows the block ended stay ended.'
              : 'You stop following each other and they can’t follow you back; neither of you sees the other’s peeps, and their mentions don’t email you.'}
          </p>
        </div>
      </div>
    </details>
  );
}
