package org.torc.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.torc.common.Json;

/**
 * Refuses request bodies larger than the configured maximum with 413 and a JSON error, before
 * Javalin buffers them:
 * <ul>
 *   <li>a declared {@code Content-Length} above the limit is answered at once; not one byte of
 *       the body is read;</li>
 *   <li>a body without a length (chunked) is counted while it is read and the read that passes
 *       the limit fails with {@link PayloadTooLargeException}, so at most the limit is held.</li>
 * </ul>
 * Both answers close the connection instead of draining what the client still sends.
 */
public final class RequestSizeLimit implements Filter {
    private final long maxBytes;

    public RequestSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The 413 a too-large body gets. */
    public static final class PayloadTooLargeException extends ApiException {
        public PayloadTooLargeException(long maxBytes) {
            super(413, message(maxBytes));
        }
    }

    static String message(long maxBytes) {
        return "Request body is larger than the server's limit of " + describe(maxBytes);
    }

    static String describe(long bytes) {
        long mib = 1024 * 1024;
        return bytes % mib == 0 ? bytes / mib + " MiB" : bytes + " bytes";
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        long declared = req.getContentLengthLong();
        if (declared > maxBytes) {
            HttpServletResponse resp = (HttpServletResponse) response;
            resp.setStatus(413);
            resp.setHeader("Connection", "close");
            resp.setContentType("application/json");
            resp.getOutputStream().write(Json.mapper().writeValueAsBytes(
                    ErrorBodies.of(message(maxBytes))));
            return;
        }
        chain.doFilter(declared < 0 ? new Limited(req, maxBytes) : request, response);
    }

    /** A request whose body stream fails once more than {@code maxBytes} have been read. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private CountingStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long count;

        CountingStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        private int counted(int n) {
            if (n > 0) {
                count += n;
                if (count > maxBytes) {
                    throw new PayloadTooLargeException(maxBytes);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            return counted(in.read(buf, off, len));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
