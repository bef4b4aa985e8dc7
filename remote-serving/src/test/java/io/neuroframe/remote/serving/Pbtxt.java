package io.neuroframe.remote.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader for the protobuf text format subset Triton configurations use here: fields
 * {@code name: value}, messages {@code name { ... }} and lists {@code name [ v, {..} ]}. Every
 * field maps to the list of its values (a String, a Long or a nested map); anything else fails.
 */
final class Pbtxt {
    private static final Pattern TOKEN = Pattern.compile("\\s*(\"[^\"]*\"|[A-Za-z_][A-Za-z0-9_]*|-?\\d+|[:{}\\[\\],])");

    private final List<String> tokens = new ArrayList<>();
    private int next;

    private Pbtxt(String text) {
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            tokens.add(m.group(1));
            at = m.end();
        }
        if (!text.substring(at).isBlank()) {
            throw new IllegalArgumentException("unexpected text at offset " + at + ": " + text.substring(at));
        }
    }

    static Map<String, List<Object>> parse(String text) {
        Pbtxt p = new Pbtxt(text);
        Map<String, List<Object>> message = p.message("");
        if (p.next != p.tokens.size()) {
            throw new IllegalArgumentException("unexpected token " + p.tokens.get(p.next));
        }
        return message;
    }

    private Map<String, List<Object>> message(String end) {
        Map<String, List<Object>> fields = new LinkedHashMap<>();
        while (next < tokens.size() && !tokens.get(next).equals(end)) {
            String name = tokens.get(next++);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("expected a field name, got " + name);
            }
            if (tokens.get(next).equals(":")) {
                next++;
            }
            List<Object> values = fields.computeIfAbsent(name, k -> new ArrayList<>());
            if (tokens.get(next).equals("[")) {
                next++;
                while (!tokens.get(next).equals("]")) {
                    values.add(value());
                    if (tokens.get(next).equals(",")) {
                        next++;
                    }
                }
                next++;
            } else {
                values.add(value());
            }
        }
        if (!end.isEmpty()) {
            next++;
        }
        return fields;
    }

    private Object value() {
        String token = tokens.get(next++);
        if (token.equals("{")) {
            return message("}");
        }
        if (token.startsWith("\"")) {
            return token.substring(1, token.length() - 1);
        }
        if (token.matches("-?\\d+")) {
            return Long.parseLong(token);
        }
        return token;
    }
}
