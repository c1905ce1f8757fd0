package org.torc.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.server.access.Access;
import org.torc.server.http.ApiException;

/**
 * HTTP Basic authentication against an htpasswd file, run before every request (health
 * endpoints and unknown paths included, as in torc). It sets the caller's user name as the
 * request attribute {@link Access#USER_ATTRIBUTE}:
 * <ul>
 *   <li>valid credentials: the user name;</li>
 *   <li>credentials that do not verify, or a malformed Basic header: 401 — torc lets such a
 *       request continue without identity unless authentication is required, which quietly
 *       accepts a mistyped password;</li>
 *   <li>no credentials (or a scheme other than Basic): {@code anonymous}, or 401 when
 *       authentication is required.</li>
 * </ul>
 * Every 401 carries {@code WWW-Authenticate: Basic realm="Torc"} and the usual JSON error body.
 * Passwords and hashes are never logged; a failed login logs the user name only.
 */
public final class BasicAuth implements Handler {
    public static final String CHALLENGE = "Basic realm=\"Torc\"";
    private static final Logger log = LoggerFactory.getLogger(BasicAuth.class);

    private final CredentialCache credentials;
    private final boolean required;

    public BasicAuth(CredentialCache credentials, boolean required) {
        this.credentials = credentials;
        this.required = required;
    }

    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank() || !isBasic(header)) {
            if (required) {
                throw unauthorized(ctx, "Authentication required");
            }
            ctx.attribute(Access.USER_ATTRIBUTE, Access.ANONYMOUS);
            return;
        }
        Credentials c = parse(header);
        if (c == null) {
            log.warn("Malformed Basic Authorization header from {}", ctx.ip());
            throw unauthorized(ctx, "Malformed Basic Authorization header");
        }
        if (!credentials.verify(c.user(), c.password())) {
            log.warn("Authentication failed for user '{}'", printable(c.user()));
            throw unauthorized(ctx, "Invalid username or password");
        }
        ctx.attribute(Access.USER_ATTRIBUTE, c.user());
    }

    private static ApiException unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", CHALLENGE);
        return new ApiException(401, message);
    }

    private static boolean isBasic(String header) {
        return header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The user and password of a {@code Basic <base64(user:password)>} header, or null. */
    static Credentials parse(String header) {
        if (!isBasic(header)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new Credentials(text.substring(0, colon), text.substring(colon + 1));
    }

    /** A user name safe to put in a log line: no control characters, at most 64 characters. */
    static String printable(String user) {
        String clean = user.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 64) + "...";
    }
}
