/**
 * Identifier values whose `|` or `$` is part of the name, not shell syntax (the identifier
 * scan in detect.ts rejects any metacharacter otherwise).
 *
 * A user id as identity providers write it, `provider|id` (Auth0's `auth0|65f1c2a9…`,
 * `google-oauth2|1035479915…`): the `|` separates the connection from its id. The id is long
 * and holds digits, as no program a pipe could start is named.
 */
const PROVIDER_ID = /^[a-z][\w.-]{0,40}\|(?=(?:[^\d|]*\d){4})[A-Za-z0-9_-]{10,80}$/i;

export function isProviderId(value: string): boolean {
  return PROVIDER_ID.test(value);
}

/**
 * A MongoDB field path or aggregation variable as a whole value (`_id: "$customer"`,
 * `"$$ROOT"`, `"$items.price"`): a shell would expand a variable there, which runs nothing.
 * Not `$IFS`, which evasions use as a blank.
 */
const FIELD_PATH = /^\$\$?(?!IFS$)[A-Za-z_][\w]{0,60}(?:\.[A-Za-z_][\w]{0,60}){0,8}$/;

export function isFieldPath(value: string): boolean {
  return FIELD_PATH.test(value);
}
