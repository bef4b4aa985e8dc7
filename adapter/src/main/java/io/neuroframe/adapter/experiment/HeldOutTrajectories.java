package io.neuroframe.adapter.experiment;

import io.neuroframe.codec.data.DatasetFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The training trajectories held out whole for choosing learning rates: the last {@code perGame} training
 * trajectories (by name) of every game. The validation frames of the experiment are whole trajectories the adapter
 * never trained on; frames spread over the training trajectories are near-duplicates of frames trained on, so they
 * reward an adapter that fits the training trajectories (the fully trainable reservoir and low rank did, and then
 * transferred worst). Held-out trajectories measure what validation measures.
 *
 * <p>The split is written to {@value #FILE} in the output folder; a folder whose results were made with another
 * split (or by the earlier protocol, which held out spread frames) is refused, so no unit mixes splits.
 *
 * @param trajectories the held-out trajectories' names, sorted
 * @param heldOut positions (in the training part) of their frames
 * @param fit positions of every other training frame, the frames adapters train on
 */
record HeldOutTrajectories(List<String> trajectories, int[] heldOut, int[] fit) {

    static final String FILE = "held-out-trajectories.csv";
    static final String HEADER = "trajectory";
    /** Files whose rows depend on the split: present without {@value #FILE}, they came from the earlier protocol. */
    private static final List<String> SPLIT_DEPENDENT = List.of("results.csv", LearningRateProbes.SHORT_FILE,
            LearningRateProbes.CONFIRMATION_FILE, AdaptersOodExperiment.STATISTICS_FILE);

    /**
     * Chooses the held-out trajectories of the training part.
     *
     * @param frames the manifest's training frames
     * @param frameIndices index into {@code frames} of each frame of the training part
     * @param perGame whole trajectories held out per game
     * @throws IOException when a game has no more than {@code perGame} training trajectories (naming it)
     */
    static HeldOutTrajectories choose(List<DatasetFrame> frames, int[] frameIndices, int perGame, Path dataset)
            throws IOException {
        Map<String, TreeSet<String>> byGame = new TreeMap<>();
        for (int index : frameIndices) {
            DatasetFrame frame = frames.get(index);
            byGame.computeIfAbsent(frame.style(), k -> new TreeSet<>()).add(frame.trajectory());
        }
        TreeSet<String> held = new TreeSet<>();
        for (Map.Entry<String, TreeSet<String>> game : byGame.entrySet()) {
            if (game.getValue().size() <= perGame) {
                throw new IOException(dataset + ": game '" + game.getKey() + "' has " + game.getValue().size()
                        + " training trajectory(ies): at least " + (perGame + 1) + " are needed (" + perGame
                        + " held out whole for choosing learning rates, the rest to train on)");
            }
            game.getValue().descendingSet().stream().limit(perGame).forEach(held::add);
        }
        int[] heldOut = IntStream.range(0, frameIndices.length)
                .filter(i -> held.contains(frames.get(frameIndices[i]).trajectory())).toArray();
        int[] fit = IntStream.range(0, frameIndices.length)
                .filter(i -> !held.contains(frames.get(frameIndices[i]).trajectory())).toArray();
        return new HeldOutTrajectories(List.copyOf(held), heldOut, fit);
    }

    /**
     * Records this split in {@code out}, or checks it against the one recorded there.
     *
     * @throws IllegalStateException when {@code out} holds results of another split, or of the earlier protocol
     */
    void recordOrCheck(Path out) throws IOException {
        Path file = out.resolve(FILE);
        if (Files.exists(file)) {
            List<String> recorded = ExperimentFiles.readCsv(file, HEADER, "a held-out trajectory list", r -> r[0]);
            if (!recorded.equals(trajectories)) {
                throw new IllegalStateException(file + ": this folder's learning rates and results were made with the "
                        + "held-out trajectories " + recorded + ", but this dataset and protocol hold out "
                        + trajectories + "; use a new --out folder");
            }
            return;
        }
        List<String> earlier = new ArrayList<>();
        for (String name : SPLIT_DEPENDENT) {
            if (Files.exists(out.resolve(name))) {
                earlier.add(name);
            }
        }
        if (!earlier.isEmpty()) {
            throw new IllegalStateException(out + ": " + earlier + " were made by the earlier protocol (held-out frames "
                    + "spread over the training trajectories, without " + FILE + "); they cannot be resumed with whole "
                    + "held-out trajectories; use a new --out folder");
        }
        ExperimentFiles.writeAtomically(file, HEADER + "\n" + String.join("\n", trajectories) + "\n");
    }
}
