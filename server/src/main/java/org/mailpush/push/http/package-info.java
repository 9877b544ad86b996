/**
 * What every push transport that posts over HTTP to an address a user gave needs (Web Push,
 * UnifiedPush, webhooks): the check that the address is one the server may contact — https only,
 * never an internal address, so that a user cannot make the server reach its own network
 * ({@link org.mailpush.push.http.EndpointCheck}) —, bounds on the requests in flight per origin and in
 * all ({@link org.mailpush.push.http.InFlightLimits}), and a response body read no further than a
 * reason needs ({@link org.mailpush.push.http.BoundedBody}).
 */
package org.mailpush.push.http;
