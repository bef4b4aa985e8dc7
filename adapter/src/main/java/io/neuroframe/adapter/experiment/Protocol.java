package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.culture.CultureParameters;
import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.train.AdapterTrainingOptions;
import io.neuroframe.adapter.train.LatentOracle;
import io.neuroframe.adapter.train.LearningRateSchedule;
import java.util.Locale;

/**
 * The settings of one experiment protocol.
 *
 * @param name {@code quick} or {@code full}
 * @param seeds random initialisations per condition
 * @param training options of every run (the seed is replaced per run)
 * @param trainFrames train frames used (evenly spread over the split)
 * @param validationFrames validation frames (evenly spread) on which loss curves and results are measured
 * @param sigma spatial scale (electrode pitches) of the headline local kernel, also the biology the controls
 *        are matched to
 * @param amplitude amplitude A of the headline local kernel
 * @param sweepSigmas sigma values of the sigma x A sweep
 * @param sweepAmplitudes A values of the sweep
 * @param cultures simulated cultures grown when no library folder is given
 * @param culture how a culture is grown and stimulated; its array is the experiment's array
 * @param oracle the per-frame latent optimisation that bounds what any adapter can gain ({@link LatentOracle})
 */
public record Protocol(String name, int seeds, AdapterTrainingOptions training, int trainFrames, int validationFrames,
        double sigma, float amplitude, double[] sweepSigmas, float[] sweepAmplitudes, int cultures,
        CultureParameters culture, LatentOracle.Options oracle) {

    public Protocol {
        if (seeds < 1 || trainFrames < 1 || validationFrames < 1 || cultures < 0) {
            throw new IllegalArgumentException("protocol " + name + ": seeds, trainFrames and validationFrames must be "
                    + "positive and cultures non-negative");
        }
        sweepSigmas = sweepSigmas.clone();
        sweepAmplitudes = sweepAmplitudes.clone();
    }

    /**
     * Minutes, not hours: one seed, 10 steps of two 3 x 4-token crops, 8 train and 2 validation frames, a 32 x 32
     * array (the smallest that gives each of the 576 tokens its own electrode; a quarter of the standard array's
     * readout), a 2 x 2 sweep, two small cultures (576 neurons, 2 trials) and 3 latent-oracle steps. A check that everything runs, not a
     * result.
     */
    public static Protocol quick() {
        return new Protocol("quick", 1, new AdapterTrainingOptions(10, 2, 3, 4, 1e-2f,
                LearningRateSchedule.CONSTANT, 0, 5), 8, 2, 2.0, 1f,
                new double[] {1.0, 2.0}, new float[] {0.5f, 1f}, 2, CultureParameters.defaults()
                        .withGeometry(new MeaGeometry(32, 32, MeaGeometry.DEFAULT_PITCH_UM)).withNeurons(576)
                        .withTrials(2), new LatentOracle.Options(3, 1e-2f));
    }

    /**
     * The reference work's design at a cost one 2-core CPU can afford: 8 seeds; 400 Adam steps (lr 2e-3) of four
     * 6 x 8-token crops (120 x 160 pixels); 5000 train frames (the reference used 5000 images) and 16 whole
     * validation frames, measured every 100 steps; the local kernel over sigma {0.5, 1, 2, 4} x A {0.25, 1, 4};
     * 11 cultures with the default parameters; the latent oracle takes 100 Adam steps (lr 3e-3) per validation
     * frame. Each unit costs about a minute of training, so the protocol runs
     * for hours and is resumed across interruptions.
     */
    public static Protocol full() {
        return new Protocol("full", 8, new AdapterTrainingOptions(400, 4, 6, 8, 2e-3f,
                LearningRateSchedule.CONSTANT, 0, 100), 5000, 16, 2.0, 1f,
                new double[] {0.5, 1.0, 2.0, 4.0}, new float[] {0.25f, 1f, 4f}, 11, CultureParameters.defaults(),
                new LatentOracle.Options(100, 3e-3f));
    }

    /** The protocol called {@code name} ({@code quick} or {@code full}). */
    public static Protocol named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown protocol '" + name + "'; expected quick or full");
        };
    }

    /** The same protocol with {@code value} seeds. */
    public Protocol withSeeds(int value) {
        return new Protocol(name, value, training, trainFrames, validationFrames, sigma, amplitude, sweepSigmas,
                sweepAmplitudes, cultures, culture, oracle);
    }

    @Override
    public double[] sweepSigmas() {
        return sweepSigmas.clone();
    }

    @Override
    public float[] sweepAmplitudes() {
        return sweepAmplitudes.clone();
    }
}
