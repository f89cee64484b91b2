package org.hotline.common.http;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hotline.common.problem.Problem;
import org.hotline.common.problem.ProblemException;

/**
 * Holds every API body to {@code hotline.api.max-body-bytes} while it is read, so that a body sent chunked (without
 * {@code Content-Length}, which {@link BodySizeLimit} checks up front) is refused with the same 413 problem+json
 * after its first byte over the limit, instead of being read up to the HTTP layer's own limit.
 */
@Provider
public class StreamedBodyLimit implements ReaderInterceptor {

    private final long maxBytes;

    public StreamedBodyLimit(@ConfigProperty(name = "hotline.api.max-body-bytes", defaultValue = "262144") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getInputStream() == null) {
            return context.proceed();
        }
        context.setInputStream(new Capped(context.getInputStream(), maxBytes));
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            // Jackson rethrows a plain IOException of the stream as it is, but may wrap it in a mapping error.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TooLarge) {
                    throw new ProblemException(Problem.of("payload-too-large", "Payload too large", 413,
                            "The body has more than " + maxBytes + " bytes; this API accepts at most " + maxBytes
                                    + " bytes."));
                }
            }
            throw e;
        }
    }

    /** Thrown by {@link Capped} on the first byte over the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("body over the limit");
        }
    }

    /** An input stream that fails once more than {@code max} bytes have been read from it. */
    static final class Capped extends FilterInputStream {

        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge();
            }
        }
    }
}
