package io.neuroframe.adapter.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One electrical stimulus of a recording session.
 *
 * @param frame sample index of the stimulus onset in the recording
 * @param electrode stimulated electrode (channel index, {@code row * cols + col})
 * @param currentUa stimulus amplitude in microamperes
 */
public record StimulationEvent(long frame, int electrode, float currentUa) {

    /**
     * Reads a stimulation protocol CSV: a header {@code frame,electrode,current_ua}, then one stimulus per line.
     * Errors name the file and line.
     */
    public static List<StimulationEvent> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equalsIgnoreCase("frame,electrode,current_ua")) {
            throw new MeaLibraryFormatException(file, "line 1", "expected the header frame,electrode,current_ua");
        }
        List<StimulationEvent> events = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",");
            try {
                if (fields.length != 3) {
                    throw new NumberFormatException("expected 3 fields, found " + fields.length);
                }
                StimulationEvent event = new StimulationEvent(Long.parseLong(fields[0].trim()),
                        Integer.parseInt(fields[1].trim()), Float.parseFloat(fields[2].trim()));
                if (event.frame() < 0 || event.electrode() < 0 || !(event.currentUa() > 0)
                        || Float.isInfinite(event.currentUa())) {
                    throw new NumberFormatException("frame and electrode must be non-negative, current positive");
                }
                events.add(event);
            } catch (NumberFormatException e) {
                throw new MeaLibraryFormatException(file, "line " + (i + 1), "'" + line + "': " + e.getMessage(), e);
            }
        }
        return events;
    }
}
