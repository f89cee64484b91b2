package org.hotline.testing.fuzz;

import java.util.Map;

/**
 * One request of a fuzz run, exactly as sent.
 *
 * @param operation the operation it targets
 * @param target path and query, already percent-encoded (possibly with invalid UTF-8 on purpose)
 * @param headers request headers (Authorization included)
 * @param body the body bytes, or null for none
 * @param chunked whether the body is sent with chunked transfer encoding (no Content-Length)
 * @param label what was varied, for the failure message
 */
public record FuzzCase(ApiOperation operation, String target, Map<String, String> headers, byte[] body, boolean chunked,
        String label) {

    @Override
    public String toString() {
        String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300),
                java.nio.charset.StandardCharsets.UTF_8);
        return operation.method() + " " + (target.length() > 300 ? target.substring(0, 300) + "..." : target)
                + " [" + label + "] headers=" + headers.keySet() + (body == null ? "" : " body(" + body.length
                        + (chunked ? " bytes, chunked" : " bytes") + ")=" + shown);
    }
}
