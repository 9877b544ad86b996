/**
 * The JSON forms of policies, scenarios and plans (Jackson tree model), documented in
 * {@code docs/policy.md}. Reading is strict: every error names the field path and the value.
 */
package org.mailpush.json;
