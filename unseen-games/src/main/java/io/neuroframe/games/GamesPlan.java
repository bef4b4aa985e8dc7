package io.neuroframe.games;

import io.neuroframe.codec.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts each game's training and validation frames into trajectories. Validation trajectories walk another part
 * of the level (see {@link GameScene#area}) with levels and players from a separate seed stream, so they are held
 * out by place and by seed.
 */
public final class GamesPlan {

    private GamesPlan() {
    }

    /** The trajectories of a dataset, game by game, training before validation, in the order they are rendered. */
    public static List<GameTrajectory> of(GamesSettings settings) {
        List<GameTrajectory> plan = new ArrayList<>();
        for (UnseenGame game : settings.games()) {
            int index = 0;
            for (Split split : Split.values()) {
                int frames = split == Split.TRAIN ? settings.trainFrames() : settings.validationFrames();
                SplittableRandom seeds = new SplittableRandom(settings.seed() * 1_000_003L
                        + game.gameName().hashCode() * 31L + split.ordinal());
                for (int start = 0; start < frames; start += settings.trajectoryLength()) {
                    plan.add(new GameTrajectory(game, index++, Math.min(settings.trajectoryLength(), frames - start),
                            split, seeds.nextLong(), seeds.nextLong()));
                }
            }
        }
        return plan;
    }
}
