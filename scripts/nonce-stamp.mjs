// Adds a per-response CSP nonce to the scripts that Next.js and React themselves put in a page, as a response
// streams by: `<script src="/_next/…">`, script preloads of the same files, and the inline bootstraps
// (`self.__next_f…`, Turbopack's chunk list, React's `$R…` Suspense runtime). Any other <script> is left without a nonce, so the policy blocks it. This lets a
// page rendered once and cached carry a fresh nonce on every response (the way nginx's sub_filter stamps cached pages).

const OWN_INLINE = /^(?:self\.__next_f|\(self\.__next_f|\(globalThis\["TURBOPACK"\]|\$R|requestAnimationFrame\(function\(\)\{\$RT)/;
const LOOKAHEAD = 48;
const TAG = /<(script|link)(?=[\s>\/])/g;
const LONGEST_TAG = '<script'.length;

export function isOwnScript(attributes, content) {
  if (/\ssrc\s*=/.test(attributes)) return /\ssrc="\/_next\/static\//.test(attributes);
  return OWN_INLINE.test(content);
}

function isOwnScriptPreload(attributes) {
  return /\sas="script"|\srel="modulepreload"/.test(attributes) && /\shref="\/_next\/static\//.test(attributes);
}

/** A streaming stamper: push text as it arrives, then end(); the output is the same text with nonces added. */
export function createNonceStamper(nonce) {
  let carry = '';
  const stamp = (text, final) => {
    let out = '';
    let from = 0;
    for (;;) {
      TAG.lastIndex = from;
      const match = TAG.exec(text);
      // Near the end of a chunk a tag name may be cut short: hold back what could be its start.
      const tail = final ? text.length : Math.max(from, text.length - LONGEST_TAG);
      if (!match || (!final && match.index >= tail)) {
        return { out: out + text.slice(from, tail), rest: text.slice(tail) };
      }
      const at = match.index;
      const name = match[1];
      const end = at + 1 + name.length;
      const close = text.indexOf('>', at);
      const decided = close !== -1 && (name === 'link' || text.length - close - 1 >= LOOKAHEAD || text.indexOf('</script>', close) !== -1);
      if (!decided && !final) return { out: out + text.slice(from, at), rest: text.slice(at) };
      const attributes = close === -1 ? '' : text.slice(end, close);
      const own = name === 'link' ? isOwnScriptPreload(attributes) : isOwnScript(attributes, text.slice(close + 1, close + 1 + LOOKAHEAD));
      const stampIt = close !== -1 && own && !/\snonce=/.test(attributes);
      out += text.slice(from, end) + (stampIt ? ` nonce="${nonce}"` : '');
      from = end;
    }
  };
  return {
    push(text) {
      const { out, rest } = stamp(carry + text, false);
      carry = rest;
      return out;
    },
    end() {
      const { out } = stamp(carry, true);
      carry = '';
      return out;
    },
  };
}

const MARK = '\u0000chitter-nonce\u0000';

/** Splits a whole page where nonces go, once, so each response only joins the parts around a fresh nonce. */
export function prepareForNonces(html) {
  const stamper = createNonceStamper(MARK);
  return (stamper.push(html) + stamper.end()).split(MARK);
}

export function contentSecurityPolicy(nonce, dev = false) {
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
