package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reference work's three claims, checked against an experiment's results. Every verdict is computed from the
 * results table; a claim whose conditions have no results yet is "not evaluated".
 *
 * <ol>
 *   <li>The bio-inspired local kernel cuts validation loss by 27 % relative to the frozen codec with about 1 % more
 *       parameters: held when the mean relative decrease is at least {@value #CLAIMED_DECREASE} and, separately, when
 *       the trainable values are at most {@value #PARAMETER_TOLERANCE} of the codec's parameters.</li>
 *   <li>Bio beats the parameter-matched frozen reservoir in every array: held when, for the local kernel and every
 *       culture, the mean loss over seeds is measurably below that of the frozen random reservoir matched to the
 *       same responses.</li>
 *   <li>Bio approaches the fully trainable reservoir: held for a biology when the fully trainable reservoir is
 *       measurably better than the matched frozen one and the biology is not measurably worse than the trainable
 *       reservoir or closes at least {@value #APPROACH_FRACTION} of the gap between them.</li>
 * </ol>
 *
 * <p>"Measurably" means by more than {@value #NOISE_MULTIPLE} standard errors of the difference of the two means
 * (from each group's spread over seeds), so a difference smaller than the seed-to-seed noise decides nothing. A
 * group with one seed has no spread, and then any difference counts.
 */
final class Claims {

    static final double CLAIMED_DECREASE = 0.27;
    static final double PARAMETER_TOLERANCE = 0.015;
    static final double APPROACH_FRACTION = 0.8;
    static final double NOISE_MULTIPLE = 2.0;

    /** A verdict with its evidence. */
    record Verdict(String claim, String status, String evidence) {
    }

    private Claims() {
    }

    static List<Verdict> check(ResultGroups groups, String headline, List<String> cultures) {
        List<Verdict> verdicts = new ArrayList<>();
        Optional<ResultGroups.Group> bio = groups.get(AdapterCondition.LOCAL_KERNEL.id(), headline);
        String decreaseClaim = "27% relative decrease of reconstruction loss (local kernel vs. frozen codec)";
        String parameterClaim = "with about 1% more parameters";
        if (bio.isEmpty()) {
            verdicts.add(new Verdict(decreaseClaim, "not evaluated", "no local-kernel results yet"));
            verdicts.add(new Verdict(parameterClaim, "not evaluated", "no local-kernel results yet"));
        } else {
            ResultGroups.Group b = bio.get();
            verdicts.add(new Verdict(decreaseClaim, b.meanRelativeDecrease() >= CLAIMED_DECREASE ? "held" : "not held",
                    String.format(Locale.ROOT, "measured %.3f%% (mean of %d seeds; min-max MSE %.7f-%.7f)",
                            100 * b.meanRelativeDecrease(), b.seeds(), b.minMse(), b.maxMse())));
            double overhead = (double) b.trainable() / b.codec();
            verdicts.add(new Verdict(parameterClaim, overhead <= PARAMETER_TOLERANCE ? "held" : "not held",
                    String.format(Locale.ROOT, "%,d trainable values = %.2f%% of the codec's %,d parameters",
                            b.trainable(), 100 * overhead, b.codec())));
        }
        verdicts.add(beatsFrozen(groups, headline, cultures));
        verdicts.add(approachesTrainable(groups, headline, cultures));
        return verdicts;
    }

    private static List<String[]> biologies(String headline, List<String> cultures) {
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[] {AdapterCondition.LOCAL_KERNEL.id(), headline});
        for (String culture : cultures) {
            pairs.add(new String[] {AdapterCondition.RECORDED_LIBRARY.id(), culture});
        }
        return pairs;
    }

    /** Whether {@code a}'s mean loss is below {@code b}'s by more than the seed noise of their difference. */
    static boolean measurablyLower(ResultGroups.Group a, ResultGroups.Group b) {
        double standardError = Math.sqrt(a.sdMse() * a.sdMse() / a.seeds() + b.sdMse() * b.sdMse() / b.seeds());
        return b.meanMse() - a.meanMse() > NOISE_MULTIPLE * standardError;
    }

    /** The mean losses of {@code a} and {@code b} and their difference relative to {@code b}'s. */
    static String comparison(ResultGroups.Group a, ResultGroups.Group b) {
        return String.format(Locale.ROOT, "%.7f vs %.7f (%+.3f%%)", a.meanMse(), b.meanMse(),
                100 * (a.meanMse() - b.meanMse()) / b.meanMse());
    }

    private static Verdict beatsFrozen(ResultGroups groups, String headline, List<String> cultures) {
        String claim = "bio beats the parameter-matched frozen reservoir in every array";
        List<String> evidence = new ArrayList<>();
        int evaluated = 0;
        int wins = 0;
        for (String[] b : biologies(headline, cultures)) {
            Optional<ResultGroups.Group> bio = groups.get(b[0], b[1]);
            Optional<ResultGroups.Group> frozen = groups.get(AdapterCondition.FROZEN_RANDOM.id(), b[1]);
            if (bio.isEmpty() || frozen.isEmpty()) {
                continue;
            }
            evaluated++;
            boolean win = measurablyLower(bio.get(), frozen.get());
            wins += win ? 1 : 0;
            evidence.add(b[1] + ": " + comparison(bio.get(), frozen.get()) + ", "
                    + (win ? "lower" : measurablyLower(frozen.get(), bio.get()) ? "higher" : "within seed noise"));
        }
        if (evaluated == 0) {
            return new Verdict(claim, "not evaluated", "no pair of bio and frozen-random results yet");
        }
        return new Verdict(claim, wins == evaluated ? "held" : "not held",
                wins + " of " + evaluated + " arrays measurably lower; mean MSE bio vs frozen: "
                        + String.join("; ", evidence));
    }

    private static Verdict approachesTrainable(ResultGroups groups, String headline, List<String> cultures) {
        String claim = "bio approaches the fully trainable reservoir";
        Optional<ResultGroups.Group> found = groups.get(AdapterCondition.FULLY_TRAINABLE.id(), headline);
        if (found.isEmpty()) {
            return new Verdict(claim, "not evaluated", "no fully-trainable results yet");
        }
        ResultGroups.Group trainable = found.get();
        List<String> evidence = new ArrayList<>();
        int evaluated = 0;
        int close = 0;
        for (String[] b : biologies(headline, cultures)) {
            Optional<ResultGroups.Group> bio = groups.get(b[0], b[1]);
            Optional<ResultGroups.Group> frozen = groups.get(AdapterCondition.FROZEN_RANDOM.id(), b[1]);
            if (bio.isEmpty() || frozen.isEmpty()) {
                continue;
            }
            evaluated++;
            String outcome;
            if (!measurablyLower(trainable, frozen.get())) {
                outcome = "the trainable reservoir is not measurably better than the frozen one: nothing to approach";
            } else {
                double closed = (frozen.get().meanMse() - bio.get().meanMse())
                        / (frozen.get().meanMse() - trainable.meanMse());
                boolean ok = !measurablyLower(trainable, bio.get()) || closed >= APPROACH_FRACTION;
                close += ok ? 1 : 0;
                outcome = String.format(Locale.ROOT, "closes %.0f%% of the frozen-to-trainable gap", 100 * closed)
                        + (ok ? "" : ", measurably worse than the trainable reservoir");
            }
            evidence.add(b[1] + ": " + comparison(bio.get(), trainable) + ", " + outcome);
        }
        if (evaluated == 0) {
            return new Verdict(claim, "not evaluated", "no bio results with a matched frozen reservoir yet");
        }
        return new Verdict(claim, close == evaluated ? "held" : "not held",
                close + " of " + evaluated + " biologies; mean MSE bio vs fully trainable: "
                        + String.join("; ", evidence));
    }
}
