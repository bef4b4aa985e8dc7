package io.neuroframe.codec.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.neuroframe.api.OasisAction;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The manifest of a dataset folder: one JSON object per line in {@value #FILE_NAME}, one line per frame.
 *
 * <p>A line looks like
 * <pre>
 * {"file":"frames/meadow/meadow-003/000012.png","style":"meadow","seed":1,"trajectory":"meadow-003",
 *  "frame":12,"split":"train","action":[25 numbers],"pose":{"x":..,"y":..,"z":..,"yaw":..,"pitch":..}}
 * </pre>
 * (on one line). A row is only written after its PNG is complete, so every listed file exists.
 * The format is documented in {@code docs/dataset.md}.
 */
public final class DatasetManifest {
    /** Name of the manifest file inside a dataset folder. */
    public static final String FILE_NAME = "manifest.jsonl";

    private final Path folder;
    private final List<DatasetFrame> frames;

    private DatasetManifest(Path folder, List<DatasetFrame> frames) {
        this.folder = folder;
        this.frames = Collections.unmodifiableList(frames);
    }

    /**
     * Reads the manifest of a dataset folder. An unterminated last line (left by an interruption while it was
     * written) is ignored; any other malformed line is an error, and so is a row whose {@code file} leaves the
     * dataset folder (an absolute path or one through {@code ..}) or that repeats an earlier row's file or
     * (trajectory, frame).
     *
     * @throws IOException naming the file and line of the first malformed row (and of the row a duplicate
     *     repeats), or the missing manifest
     */
    public static DatasetManifest read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no dataset manifest (" + FILE_NAME + ") in " + folder);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<DatasetFrame> rows = new ArrayList<>();
        Map<String, Integer> lineOfFile = new HashMap<>();
        Map<String, Integer> lineOfFrame = new HashMap<>();
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(completeLines(text)))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (!line.isBlank()) {
                    DatasetFrame row = parseRow(line, file, lineNumber);
                    requireFirst(lineOfFile, row.file(), "file " + row.file(), file, lineNumber);
                    requireFirst(lineOfFrame, row.trajectory() + "\u0000" + row.frame(), "trajectory "
                            + row.trajectory() + " frame " + row.frame(), file, lineNumber);
                    rows.add(row);
                }
            }
        }
        return new DatasetManifest(folder, rows);
    }

    /** Refuses a row whose {@code key} an earlier row already had: a duplicate would be counted twice. */
    private static void requireFirst(Map<String, Integer> firstLines, String key, String what, Path file,
                                     int lineNumber) throws IOException {
        Integer first = firstLines.putIfAbsent(key, lineNumber);
        if (first != null) {
            throw new IOException(file + " line " + lineNumber + ": repeats line " + first + " (" + what
                    + "); each frame must be listed once");
        }
    }

    /** The text up to and including its last line break: an unterminated tail is a row still being written. */
    static String completeLines(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? "" : text.substring(0, end + 1);
    }

    /** The dataset folder this manifest was read from. */
    public Path folder() {
        return folder;
    }

    /** Every row, in the order written. */
    public List<DatasetFrame> frames() {
        return frames;
    }

    /** The rows of one split, in the order written. */
    public List<DatasetFrame> frames(Split split) {
        return frames.stream().filter(f -> f.split() == split).collect(Collectors.toUnmodifiableList());
    }

    /** The rows grouped by trajectory (in order of first appearance), each sorted by frame index. */
    public Map<String, List<DatasetFrame>> trajectories() {
        Map<String, List<DatasetFrame>> byTrajectory = new LinkedHashMap<>();
        for (DatasetFrame f : frames) {
            byTrajectory.computeIfAbsent(f.trajectory(), k -> new ArrayList<>()).add(f);
        }
        byTrajectory.replaceAll((k, list) -> list.stream()
                .sorted(java.util.Comparator.comparingInt(DatasetFrame::frame))
                .collect(Collectors.toUnmodifiableList()));
        return Collections.unmodifiableMap(byTrajectory);
    }

    /** The style names present, sorted. */
    public List<String> styles() {
        return List.copyOf(frames.stream().map(DatasetFrame::style).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The absolute path of a row's PNG. */
    public Path imagePath(DatasetFrame frame) {
        return folder.resolve(frame.file());
    }

    /** One manifest line (without the line break) for a row. */
    public static String toJsonLine(DatasetFrame f) {
        JsonObject o = new JsonObject();
        o.addProperty("file", f.file());
        o.addProperty("style", f.style());
        o.addProperty("seed", f.seed());
        o.addProperty("trajectory", f.trajectory());
        o.addProperty("frame", f.frame());
        o.addProperty("split", f.split().manifestName());
        JsonArray action = new JsonArray(OasisAction.SIZE);
        for (int i = 0; i < OasisAction.SIZE; i++) {
            action.add(f.action().get(i));
        }
        o.add("action", action);
        JsonObject pose = new JsonObject();
        pose.addProperty("x", f.pose().x());
        pose.addProperty("y", f.pose().y());
        pose.addProperty("z", f.pose().z());
        pose.addProperty("yaw", f.pose().yawDegrees());
        pose.addProperty("pitch", f.pose().pitchDegrees());
        o.add("pose", pose);
        return o.toString();
    }

    /**
     * Parses one manifest line.
     *
     * @throws IOException naming {@code file}, {@code lineNumber} and the bad field
     */
    static DatasetFrame parseRow(String line, Path file, int lineNumber) throws IOException {
        String where = file + " line " + lineNumber;
        try {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            JsonArray a = require(o, "action", where).getAsJsonArray();
            if (a.size() != OasisAction.SIZE) {
                throw new IOException(where + ": action has " + a.size() + " values, expected " + OasisAction.SIZE);
            }
            float[] action = new float[OasisAction.SIZE];
            for (int i = 0; i < action.length; i++) {
                action[i] = a.get(i).getAsFloat();
            }
            JsonObject p = require(o, "pose", where).getAsJsonObject();
            CameraPose pose = new CameraPose(require(p, "x", where).getAsFloat(), require(p, "y", where).getAsFloat(),
                    require(p, "z", where).getAsFloat(), require(p, "yaw", where).getAsFloat(),
                    require(p, "pitch", where).getAsFloat());
            String image = require(o, "file", where).getAsString();
            requireInsideFolder(image, file.getParent(), where);
            return new DatasetFrame(image, require(o, "style", where).getAsString(),
                    require(o, "seed", where).getAsLong(), require(o, "trajectory", where).getAsString(),
                    require(o, "frame", where).getAsInt(),
                    Split.fromManifestName(require(o, "split", where).getAsString()), OasisAction.of(action), pose);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                 | IllegalArgumentException e) {
            throw new IOException(where + ": malformed row: " + e.getMessage(), e);
        }
    }

    /** Refuses a {@code file} field that is absolute or leads out of the dataset folder. */
    private static void requireInsideFolder(String image, Path folder, String where) throws IOException {
        Path relative = Path.of(image);
        Path base = folder.toAbsolutePath().normalize();
        if (relative.isAbsolute() || image.isEmpty() || !base.resolve(relative).normalize().startsWith(base)) {
            throw new IOException(where + ": file '" + image + "' leaves the dataset folder; expected a path "
                    + "relative to it, without '..' above it");
        }
    }

    private static JsonElement require(JsonObject o, String name, String where) throws IOException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IOException(where + ": missing field '" + name + "'");
        }
        return e;
    }
}
