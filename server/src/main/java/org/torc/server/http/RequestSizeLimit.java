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
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.torc.common.Json;

/**
 * Refuses request bodies larger than the configured maximum with 413 and a JSON error, without
 * holding them in memory:
 * <ul>
 *   <li>a declared {@code Content-Length} above the limit is answered at once, before the request
 *       goes any further; not one byte of the body is read;</li>
 *   <li>a body without a length (chunked) is, when a handler first asks for it, spooled to find
 *       its size: the first {@value #IN_MEMORY_BYTES} bytes in memory, the rest in a private
 *       temporary file that is deleted when the request ends. Passing the limit stops the reading
 *       and the handler fails with {@link PayloadTooLargeException}; otherwise the handler reads
 *       the spooled body, as it would one with a length.</li>
 * </ul>
 * Both answers close the connection instead of draining what the client still sends. Requests
 * whose handler never reads a body (or that fail authentication first) never have theirs read.
 */
public final class RequestSizeLimit implements Filter {
    /** Up to this much of a chunked body is kept in memory; beyond it, in a temporary file. */
    static final int IN_MEMORY_BYTES = 1024 * 1024;

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
        if (declared >= 0 || req.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        Spooled spooled = new Spooled(req, maxBytes);
        try {
            chain.doFilter(spooled, response);
        } finally {
            spooled.discard();
        }
    }

    /** A request of unknown length whose body is read to its end, within the limit, on first use. */
    private static final class Spooled extends HttpServletRequestWrapper {
        private final long maxBytes;
        private byte[] head;
        private Path tail;
        private long size = -1;
        private ServletInputStream stream;

        Spooled(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                spool(super.getInputStream());
                InputStream body = new ByteArrayInputStream(head);
                if (tail != null) {
                    body = new SequenceInputStream(body, Files.newInputStream(tail));
                }
                stream = new ReplayStream(body);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
        }

        @Override
        public long getContentLengthLong() {
            return size;
        }

        @Override
        public int getContentLength() {
            return size > Integer.MAX_VALUE ? -1 : (int) size;
        }

        private void spool(InputStream in) throws IOException {
            ByteArrayOutputStream memory = new ByteArrayOutputStream();
            OutputStream file = null;
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new PayloadTooLargeException(maxBytes);
                    }
                    int toMemory = (int) Math.max(0, Math.min(n, IN_MEMORY_BYTES - memory.size()));
                    memory.write(buf, 0, toMemory);
                    if (toMemory < n) {
                        if (file == null) {
                            tail = privateTempFile();
                            file = Files.newOutputStream(tail);
                        }
                        file.write(buf, toMemory, n - toMemory);
                    }
                }
            } finally {
                if (file != null) {
                    file.close();
                }
            }
            head = memory.toByteArray();
            size = total;
        }

        private static Path privateTempFile() throws IOException {
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return Files.createTempFile("torc-request-", ".body");
            }
            return Files.createTempFile("torc-request-", ".body", PosixFilePermissions
                    .asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }

        void discard() throws IOException {
            if (stream != null) {
                stream.close();
            }
            if (tail != null) {
                Files.deleteIfExists(tail);
            }
        }
    }

    /** A blocking stream over the spooled body. */
    private static final class ReplayStream extends ServletInputStream {
        private final InputStream in;
        private boolean finished;

        ReplayStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            finished |= n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("spooled request bodies are read blocking");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
