/**
 * Push policies (SPEC M4, S6, X5): ordered rules with conditions and expiries, as plain values. The
 * router in {@code org.mailpush.route} evaluates them; the JSON form is documented in {@code docs/policy.md}.
 */
package org.mailpush.policy;
