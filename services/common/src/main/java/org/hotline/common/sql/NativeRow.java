package org.hotline.common.sql;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Binding a row for the reactive PostgreSQL client, for the hot-path writers that put a case, its fact and its audit
 * row in one native statement (intake's contacts, routing's new work orders).
 */
public final class NativeRow {

    private NativeRow() {
    }

    /** The values as a tuple; byte arrays become Vert.x buffers, which is how the client binds {@code bytea}. */
    public static Tuple tuple(List<Object> values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value instanceof byte[] bytes ? Buffer.buffer(bytes) : value);
        }
        return tuple;
    }

    /** An instant as the {@code timestamptz} value the client binds, or null. */
    public static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** {@code $first, ..., $(first+count-1)}: the placeholders of {@code count} columns. */
    public static String params(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(i -> "$" + i).collect(Collectors.joining(", "));
    }

    /** The number of columns in a comma-separated column list. */
    public static int arity(String columns) {
        return columns.split(",").length;
    }
}
