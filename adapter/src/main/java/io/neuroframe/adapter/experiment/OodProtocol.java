package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.culture.CultureParameters;
import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.train.AdapterTrainingOptions;
import io.neuroframe.adapter.train.LatentOracle;
import java.util.Locale;

/**
 * The settings of the out-of-distribution adapter experiment ({@code experiment adapters-ood}).
 *
 * @param base seeds, training (its learning rate is replaced by the chosen one), frames, the headline kernel, the
 *        cultures and the latent oracle; the sweep is not used
 * @param learningRates candidate learning rates; each condition trains with the one that gives the lowest loss on
 *        the held-out training frames
 * @param probeSteps steps of each learning-rate probe (seed 0)
 * @param heldOutFrames training frames held out for choosing learning rates (never trained on; never validation)
 * @param curveFramesPerGame validation frames per game measured along training for the loss curves
 * @param oracleFramesPerGame validation frames per game the latent oracle optimises (every unit is also measured on
 *        exactly these frames, so the fraction of the oracle's decrease compares like with like)
 */
record OodProtocol(Protocol base, float[] learningRates, int probeSteps, int heldOutFrames, int curveFramesPerGame,
        int oracleFramesPerGame) {

    OodProtocol {
        if (learningRates.length == 0 || probeSteps < 1 || heldOutFrames < 1 || curveFramesPerGame < 1
                || oracleFramesPerGame < 1) {
            throw new IllegalArgumentException("protocol " + base.name() + ": needs learning rates, probe steps, "
                    + "held-out, curve and oracle frames");
        }
        learningRates = learningRates.clone();
    }

    /**
     * Minutes on tiny data: one seed, 40 steps of two 3 x 4-token crops (curve every 10 steps), learning rates
     * {3e-3, 3e-2} probed for 15 steps on 4 held-out frames, 16 train frames, up to 2 validation frames per game, a
     * 32 x 32 array with one small culture, and an oracle of at most 30 steps on one frame per game. Checks that
     * every part runs and that training lowers the loss where it can; not a result.
     */
    static OodProtocol quick() {
        Protocol base = new Protocol("quick", 1, new AdapterTrainingOptions(40, 2, 3, 4, 1e-2f, 0, 10), 20, 10, 2.0,
                1f, new double[0], new float[0], 1, CultureParameters.defaults()
                        .withGeometry(new MeaGeometry(32, 32, MeaGeometry.DEFAULT_PITCH_UM)).withNeurons(576)
                        .withTrials(2), new LatentOracle.Options(30, 1e-2f, 5));
        return new OodProtocol(base, new float[] {3e-3f, 3e-2f}, 15, 4, 1, 1);
    }

    /**
     * The affordable full design: 3 seeds; 1500 Adam steps of four 6 x 8-token crops (curve every 100 steps, so the
     * last tenth has two intervals for its slope); learning rates {1e-4, 3e-4, 1e-3, 3e-3} probed for 200 steps on
     * 200 held-out training frames; every train and validation frame; the standard 64 x 64 array, headline kernel
     * sigma 2 A 1, 11 cultures; the latent oracle (lr 3e-3, at most 400 steps, converged after 40 steps without a
     * 0.01 % fall) on 10 validation frames per game.
     */
    static OodProtocol full() {
        Protocol base = new Protocol("full", 3, new AdapterTrainingOptions(1500, 4, 6, 8, 1e-3f, 0, 100),
                Integer.MAX_VALUE, Integer.MAX_VALUE, 2.0, 1f, new double[0], new float[0], 11,
                CultureParameters.defaults(), new LatentOracle.Options(400, 3e-3f, 40));
        return new OodProtocol(base, new float[] {1e-4f, 3e-4f, 1e-3f, 3e-3f}, 200, 200, 8, 10);
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
        return new OodProtocol(base.withSeeds(value), learningRates, probeSteps, heldOutFrames, curveFramesPerGame,
                oracleFramesPerGame);
    }

    @Override
    public float[] learningRates() {
        return learningRates.clone();
    }
}
