package io.neuroframe.adapter.experiment;

import io.neuroframe.codec.data.DatasetFrame;
import java.io.IOException;
import java.nio.file.Path;
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
 * <p>The split is recorded in the output folder with the training settings ({@link FolderSettings}).
 *
 * @param trajectories the held-out trajectories' names, sorted
 * @param heldOut positions (in the training part) of their frames
 * @param fit positions of every other training frame, the frames adapters train on
 */
record HeldOutTrajectories(List<String> trajectories, int[] heldOut, int[] fit) {

    /**
     * Chooses the held-out trajectories of the training part.
     *
     * @param frames the manifest's training frames
     * @param frameIndices index into {@code frames} of each frame of the training part
     * @param perGame whole trajectories held out per game
     * @param dataset the dataset's folder, for messages
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
}
