/**
 * A user id as identity providers write it, `provider|id` (Auth0's `auth0|65f1c2a9…`,
 * `google-oauth2|1035479915…`): the `|` separates the connection from its id. The id is long
 * and holds digits, as no program a pipe could start is named.
 */
const PROVIDER_ID = /^[a-z][\w.-]{0,40}\|(?=(?:[^\d|]*\d){4})[A-Za-z0-9_-]{10,80}$/i;

export function isProviderId(value: string): boolean {
  return PROVIDER_ID.test(value);
}
