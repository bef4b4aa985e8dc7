package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.train.AdapterTrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an output folder's learning rates and results depend on, recorded in {@value #FILE} when the folder starts:
 * the held-out trajectories, the training settings (steps, batch, crop, schedule, curve interval), the
 * candidate learning rates with their probe steps, and what decodes the frames the MSEs are measured on. A run
 * whose settings differ from the recorded ones is refused, naming each difference, and so is a folder with results
 * but no record (made before the record existed), so no table mixes units trained two ways.
 */
final class FolderSettings {

    static final String FILE = "protocol-settings.csv";
    static final String HEADER = "setting,value";
    /** Files whose rows depend on the settings: present without {@value #FILE}, they came from an earlier protocol. */
    private static final List<String> DEPENDENT = List.of("results.csv", LearningRateProbes.SHORT_FILE,
            LearningRateProbes.CONFIRMATION_FILE);

    /** What decodes the whole frames every MSE is measured on ({@code FrozenCodec.decodeImages}). */
    static final String FRAME_DECODER = "onnxruntime";

    private final Map<String, String> settings = new LinkedHashMap<>();

    FolderSettings(OodProtocol protocol, List<String> heldOutTrajectories) {
        AdapterTrainingOptions training = protocol.base().training();
        settings.put("held_out_trajectories", String.join(" ", heldOutTrajectories));
        settings.put("steps", Integer.toString(training.steps()));
        settings.put("batch", Integer.toString(training.batch()));
        settings.put("crop", training.cropRows() + "x" + training.cropCols());
        settings.put("schedule", training.schedule().id());
        settings.put("curve_every", Integer.toString(training.validateEvery()));
        settings.put("learning_rates", Arrays.toString(protocol.learningRates()).replace(",", ""));
        settings.put("probe_steps", Integer.toString(protocol.probeSteps()));
        settings.put("whole_frames_decoded_by", FRAME_DECODER);
    }

    /**
     * Records these settings in {@code out}, or checks them against the ones recorded there.
     *
     * @throws IllegalStateException naming every difference, or the files made before a record existed
     */
    void recordOrCheck(Path out) throws IOException {
        Path file = out.resolve(FILE);
        if (Files.exists(file)) {
            Map<String, String> recorded = new LinkedHashMap<>();
            for (String[] row : ExperimentFiles.readCsv(file, HEADER, "a protocol settings table", r -> r)) {
                recorded.put(row[0], row[1]);
            }
            List<String> differences = new ArrayList<>();
            settings.forEach((key, value) -> {
                if (!value.equals(recorded.get(key))) {
                    differences.add(String.format(Locale.ROOT, "%s: recorded '%s', this run '%s'", key,
                            recorded.get(key), value));
                }
            });
            if (!differences.isEmpty()) {
                throw new IllegalStateException(file + ": this folder's learning rates and results were made with "
                        + "other settings (" + String.join("; ", differences) + "); use a new --out folder");
            }
            return;
        }
        List<String> earlier = DEPENDENT.stream().filter(name -> Files.exists(out.resolve(name))).toList();
        if (!earlier.isEmpty()) {
            throw new IllegalStateException(out + ": " + earlier + " were made by an earlier protocol, without "
                    + FILE + "; they cannot be resumed under this one; use a new --out folder");
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        settings.forEach((key, value) -> text.append(key).append(',').append(value).append('\n'));
        ExperimentFiles.writeAtomically(file, text.toString());
    }
}
