package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.culture.CultureParameters;
import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.train.AdapterTrainingOptions;
import io.neuroframe.adapter.train.LatentOracle;
import io.neuroframe.adapter.train.LearningRateSchedule;
import java.util.List;
import java.util.Locale;

/**
 * The settings of the out-of-distribution adapter experiment ({@code experiment adapters-ood}).
 *
 * @param base seeds, training (its learning rate is replaced by the chosen one), frames, the headline kernel, the
 *        cultures and the latent oracle; the sweep is not used
 * @param learningRates candidate learning rates; each condition trains with the one that gives the lowest loss on
 *        the held-out training trajectories
 * @param probeSteps steps of each learning-rate probe (seed 0)
 * @param heldOutTrajectoriesPerGame training trajectories of each game held out whole for choosing learning rates
 *        (never trained on; never validation; {@link HeldOutTrajectories})
 * @param curveFramesPerGame validation frames per game measured along training for the loss curves
 * @param oracleFramesPerGame validation frames per game the latent oracle optimises (every unit is also measured on
 *        exactly these frames, so the fraction of the oracle's decrease compares like with like)
 * @param conditions the conditions to run besides the frozen codec (empty: all of them)
 * @param cultures the cultures whose units run, by position in the culture list (1 is the first)
 */
record OodProtocol(Protocol base, float[] learningRates, int probeSteps, int heldOutTrajectoriesPerGame,
        int curveFramesPerGame, int oracleFramesPerGame, List<AdapterCondition> conditions, CultureRange cultures) {

    /** Cultures {@code first} to {@code last} (1-based, inclusive) of the culture list. */
    record CultureRange(int first, int last) {
        /** Every culture. */
        static final CultureRange ALL = new CultureRange(1, Integer.MAX_VALUE);

        CultureRange {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("a culture range counts from 1 and ends at or after its start, got "
                        + first + "-" + last);
            }
        }

        /** {@code FIRST-LAST} or a single {@code N}, e.g. {@code 6-11}. */
        static CultureRange parse(String text) {
            String[] parts = text.trim().split("-", -1);
            try {
                if (parts.length == 1) {
                    int n = Integer.parseInt(parts[0].trim());
                    return new CultureRange(n, n);
                }
                if (parts.length == 2) {
                    return new CultureRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // the message below names the expected form
            }
            throw new IllegalArgumentException("expected FIRST-LAST or N (cultures counted from 1, e.g. 6-11), got '"
                    + text + "'");
        }

        boolean contains(int position) {
            return position >= first && position <= last;
        }
    }

    OodProtocol {
        if (learningRates.length == 0 || probeSteps < 1 || heldOutTrajectoriesPerGame < 1 || curveFramesPerGame < 1
                || oracleFramesPerGame < 1) {
            throw new IllegalArgumentException("protocol " + base.name() + ": needs learning rates, probe steps, "
                    + "held-out trajectories, curve and oracle frames");
        }
        learningRates = learningRates.clone();
        conditions = List.copyOf(conditions);
    }

    /**
     * Minutes on tiny data: one seed, 40 steps of two 3 x 4-token crops (curve every 10 steps), learning rates
     * {1e-7, ..., 1e-2} probed for 15 steps on one held-out trajectory per game, 20 train frames, up to 2
     * validation frames per game, a 32 x 32 array with one small culture, and an oracle of at most 30 steps on one frame per game. Checks that
     * every part runs and that training lowers the loss where it can; not a result.
     */
    static OodProtocol quick() {
        Protocol base = new Protocol("quick", 1, new AdapterTrainingOptions(40, 2, 3, 4, 1e-2f,
                LearningRateSchedule.WARMUP_COSINE_TO_ZERO, 0, 10), 20, 10, 2.0,
                1f, new double[0], new float[0], 1, CultureParameters.defaults()
                        .withGeometry(new MeaGeometry(32, 32, MeaGeometry.DEFAULT_PITCH_UM)).withNeurons(576)
                        .withTrials(2), new LatentOracle.Options(30, 1e-2f, 10));
        return new OodProtocol(base, new float[] {1e-7f, 1e-6f, 1e-5f, 1e-4f, 1e-3f, 1e-2f}, 15, 1, 1, 1, List.of(), CultureRange.ALL);
    }

    /**
     * The full design: 8 seeds; 1500 Adam steps of four 6 x 8-token crops, the learning rate warming up and then
     * decaying to zero (curve every 100 steps, so the last tenth has two intervals for its slope); learning rates
     * {1e-7, ..., 1e-2} (Adam moves every readout entry by about the learning rate, and a readout sums hundreds to
     * thousands of them) probed for 200 steps on one whole training trajectory per game held out (50 frames a game
     * in the games dataset); every train and validation frame; the standard 64 x 64 array, headline kernel
     * sigma 2 A 1, 11 cultures; the latent oracle (lr 3e-3, at most 400 steps, converged after 40 steps without a
     * 0.01 % fall) on 10 validation frames per game.
     */
    static OodProtocol full() {
        Protocol base = new Protocol("full", 8, new AdapterTrainingOptions(1500, 4, 6, 8, 1e-3f,
                LearningRateSchedule.WARMUP_COSINE_TO_ZERO, 0, 100),
                Integer.MAX_VALUE, Integer.MAX_VALUE, 2.0, 1f, new double[0], new float[0], 11,
                CultureParameters.defaults(), new LatentOracle.Options(400, 3e-3f, 40));
        return new OodProtocol(base, new float[] {1e-7f, 1e-6f, 1e-5f, 1e-4f, 1e-3f, 1e-2f}, 200, 1, 8, 10,
                List.of(), CultureRange.ALL);
    }

    /** The protocol called {@code name} ({@code quick} or {@code full}). */
    static OodProtocol named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown protocol '" + name + "'; expected quick or full");
        };
    }

    /** The same protocol with {@code value} seeds. */
    OodProtocol withSeeds(int value) {
        return new OodProtocol(base.withSeeds(value), learningRates, probeSteps, heldOutTrajectoriesPerGame,
                curveFramesPerGame, oracleFramesPerGame, conditions, cultures);
    }

    /** The same protocol with {@code value} training steps, the curve measured every tenth of them. */
    OodProtocol withSteps(int value) {
        return withTraining(base.training().withSteps(value, Math.max(1, value / 10)));
    }

    /** The same protocol decoding crops of {@code rows x cols} tokens in training (18 x 32: whole frames). */
    OodProtocol withCrop(int rows, int cols) {
        return withTraining(base.training().withCrop(rows, cols));
    }

    private OodProtocol withTraining(AdapterTrainingOptions training) {
        Protocol changed = new Protocol(base.name(), base.seeds(), training, base.trainFrames(),
                base.validationFrames(), base.sigma(), base.amplitude(), base.sweepSigmas(), base.sweepAmplitudes(),
                base.cultures(), base.culture(), base.oracle());
        return new OodProtocol(changed, learningRates, probeSteps, heldOutTrajectoriesPerGame,
                curveFramesPerGame, oracleFramesPerGame, conditions, cultures);
    }

    /** The same protocol with {@code train} training and {@code validation} validation frames (evenly spread). */
    OodProtocol withFrames(int train, int validation) {
        Protocol changed = new Protocol(base.name(), base.seeds(), base.training(), train, validation, base.sigma(),
                base.amplitude(), base.sweepSigmas(), base.sweepAmplitudes(), base.cultures(), base.culture(),
                base.oracle());
        return new OodProtocol(changed, learningRates, probeSteps, heldOutTrajectoriesPerGame,
                curveFramesPerGame, oracleFramesPerGame, conditions, cultures);
    }

    /** The same protocol probing the learning rates {@code value} (one value: no choice). */
    OodProtocol withLearningRates(float[] value) {
        return new OodProtocol(base, value, probeSteps, heldOutTrajectoriesPerGame, curveFramesPerGame,
                oracleFramesPerGame, conditions, cultures);
    }

    /** The same protocol running only {@code value} besides the frozen codec. */
    OodProtocol withConditions(List<AdapterCondition> value) {
        return new OodProtocol(base, learningRates, probeSteps, heldOutTrajectoriesPerGame,
                curveFramesPerGame, oracleFramesPerGame, value, cultures);
    }

    /** The same protocol running units on the cultures of {@code value} only. */
    OodProtocol withCultures(CultureRange value) {
        return new OodProtocol(base, learningRates, probeSteps, heldOutTrajectoriesPerGame,
                curveFramesPerGame, oracleFramesPerGame, conditions, value);
    }

    /**
     * Whether {@code unit} runs: the frozen codec always does. A unit on a culture runs only when the culture's
     * position in {@code cultureNames} is in the range, and then, with a condition list, its recorded library and
     * that library's matched frozen reservoir (its control) when {@code recorded-library} is listed, its network
     * response when {@code network-culture} is. Any other unit runs when its condition is listed (or without a
     * list).
     */
    boolean runs(RunUnit unit, List<String> cultureNames) {
        if (unit.condition() == AdapterCondition.IDENTITY) {
            return true;
        }
        int culture = cultureNames.indexOf(unit.library());
        if (culture >= 0) {
            if (!cultures.contains(culture + 1)) {
                return false;
            }
            AdapterCondition listedAs = unit.condition() == AdapterCondition.FROZEN_RANDOM
                    ? AdapterCondition.RECORDED_LIBRARY : unit.condition();
            return conditions.isEmpty() || conditions.contains(listedAs);
        }
        return conditions.isEmpty() || conditions.contains(unit.condition());
    }

    @Override
    public float[] learningRates() {
        return learningRates.clone();
    }
}
