package io.neuroframe.perf.profile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel time per operator type from one ONNX Runtime profile (the JSON trace that
 * {@code SessionOptions.enableProfiling} writes): the {@code Node} events named
 * {@code <node>_kernel_time} summed by their {@code op_name}, over the runs after the first
 * {@code skipRuns} {@code model_run} events (the warm-up).
 *
 * @param runs the {@code model_run} events counted
 * @param runMicros their summed duration: the whole of each {@code OrtSession.run} as ONNX Runtime sees it
 * @param ops kernel time per operator type, largest first
 */
public record OpProfile(int runs, long runMicros, List<OpTime> ops) {

    /**
     * The kernel time of one operator type.
     *
     * @param opType the operator, e.g. {@code MatMul} or {@code QLinearConv}
     * @param calls kernel calls over all counted runs
     * @param micros their summed duration
     */
    public record OpTime(String opType, long calls, long micros) {
    }

    /** Kernel time of all operators together. */
    public long kernelMicros() {
        long sum = 0;
        for (OpTime op : ops) {
            sum += op.micros();
        }
        return sum;
    }

    /**
     * Reads the profile in {@code file}, leaving out the first {@code skipRuns} runs.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file if it is not an ONNX Runtime profile or
     *         holds no more than {@code skipRuns} runs
     */
    public static OpProfile read(Path file, int skipRuns) throws IOException {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": not a JSON profile: " + e.getMessage(), e);
        }
        if (!root.isJsonArray()) {
            throw new IllegalArgumentException(file + ": an ONNX Runtime profile is a JSON array of events");
        }
        return of(root.getAsJsonArray(), skipRuns, file.toString());
    }

    /** As {@link #read}, from events already parsed; {@code source} names them in errors. */
    static OpProfile of(JsonArray events, int skipRuns, String source) {
        List<long[]> runs = new ArrayList<>();
        for (JsonElement e : events) {
            JsonObject event = e.getAsJsonObject();
            if ("Session".equals(text(event, "cat")) && "model_run".equals(text(event, "name"))) {
                runs.add(new long[] {event.get("ts").getAsLong(), event.get("dur").getAsLong()});
            }
        }
        runs.sort(Comparator.comparingLong(r -> r[0]));
        if (runs.size() <= skipRuns) {
            throw new IllegalArgumentException(source + ": " + runs.size() + " model_run events, need more than the "
                    + skipRuns + " warm-up runs to leave out");
        }
        long from = runs.get(skipRuns)[0];
        long runMicros = 0;
        for (long[] run : runs.subList(skipRuns, runs.size())) {
            runMicros += run[1];
        }
        Map<String, long[]> byOp = new LinkedHashMap<>();
        for (JsonElement e : events) {
            JsonObject event = e.getAsJsonObject();
            String name = text(event, "name");
            if (!"Node".equals(text(event, "cat")) || name == null || !name.endsWith("_kernel_time")
                    || event.get("ts").getAsLong() < from) {
                continue;
            }
            JsonObject args = event.getAsJsonObject("args");
            String op = args == null ? null : text(args, "op_name");
            long[] sum = byOp.computeIfAbsent(op == null ? "?" : op, k -> new long[2]);
            sum[0]++;
            sum[1] += event.get("dur").getAsLong();
        }
        List<OpTime> ops = new ArrayList<>();
        byOp.forEach((op, sum) -> ops.add(new OpTime(op, sum[0], sum[1])));
        ops.sort(Comparator.comparingLong(OpTime::micros).reversed());
        return new OpProfile(runs.size() - skipRuns, runMicros, List.copyOf(ops));
    }

    private static String text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
    }
}
