/**
 * The routing decision under JMH: {@code Router.plan} for a user with 2, 5 and 20 terminals, with
 * the policy of docs/policy.md, run through the JMH Runner API from the command line.
 */
package org.mailpush.bench.routing;
