/**
 * HTTP Basic authentication against an htpasswd file ({@code torc-server --auth-file}) and the
 * {@code torc-htpasswd} tool that writes such files.
 *
 * <p>Decisions where torc leaves room or where we differ from it:
 * <ul>
 *   <li>Credentials that do not verify get 401 whether or not {@code --require-auth} is given;
 *       torc continues such a request without identity unless authentication is required.</li>
 *   <li>With {@code --require-auth}, every path needs credentials, {@code /ping} and
 *       {@code /version} included, as in torc: a 401 still tells a health check the server is
 *       up, and the version is not given to strangers.</li>
 *   <li>The 401 body is our usual JSON error; torc sends the plain text {@code Unauthorized}.
 *       Both send {@code WWW-Authenticate: Basic realm="Torc"}.</li>
 *   <li>An Authorization header with another scheme (e.g. Bearer) counts as no credentials, as in
 *       torc; a Basic header that cannot be decoded is a 401.</li>
 *   <li>The credential cache keys on a SHA-256 of a per-process random salt and
 *       {@code user:password} (torc: unsalted), is bounded, and lets concurrent requests with the
 *       same new credentials share one bcrypt check.</li>
 *   <li>An htpasswd file with a malformed line, a user listed twice or no users stops the server
 *       at startup with one line naming the file and line.</li>
 * </ul>
 */
package org.torc.server.auth;
