package org.hotline.appraisal.rest;

import java.lang.reflect.RecordComponent;
import java.util.List;

/** Every table of the API as CSV (RFC 4180): a header of the JSON field names, then one line per row. */
final class Csv {

    private Csv() {
    }

    static String of(Class<? extends Record> type, List<? extends Record> rows) {
        StringBuilder out = new StringBuilder();
        RecordComponent[] fields = type.getRecordComponents();
        for (int i = 0; i < fields.length; i++) {
            out.append(i == 0 ? "" : ",").append(fields[i].getName());
        }
        out.append("\r\n");
        for (Record row : rows) {
            for (int i = 0; i < fields.length; i++) {
                Object v;
                try {
                    v = fields[i].getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append(i == 0 ? "" : ",").append(cell(v));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        // Quote when needed, and defuse spreadsheet formulas (a cell starting with = + - @ is shown as text).
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
