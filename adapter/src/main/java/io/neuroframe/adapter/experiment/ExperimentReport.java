package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.StimulationWeights;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.adapter.train.AdapterSafetensors;
import io.neuroframe.adapter.train.FrozenCodec;
import io.neuroframe.adapter.train.LatentCache;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.TokenWindow;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes an experiment's figures and {@code report.md} from its results table and curves: what was run, the
 * reference work's claims with computed verdicts, the table per condition and library, and the figures.
 */
final class ExperimentReport {

    /** File name of the exported headline adapter in {@code adapters/}. */
    static final String ADAPTER_FILE = "local-kernel.safetensors";
    private static final int GRID_FRAMES = 3;

    private final Protocol protocol;
    private final Path out;
    private final FrozenCodec codec;
    private final LatentCache data;
    private final StimulationEncoding encoding;
    private final Libraries libraries;
    private final List<RunUnit> units;

    ExperimentReport(Protocol protocol, Path out, FrozenCodec codec, LatentCache data, StimulationEncoding encoding,
            Libraries libraries, List<RunUnit> units) {
        this.protocol = protocol;
        this.out = out;
        this.codec = codec;
        this.data = data;
        this.encoding = encoding;
        this.libraries = libraries;
        this.units = units;
    }

    void write() throws IOException {
        List<ResultsTable.Row> rows = ResultsTable.read(out.resolve("results.csv"));
        ResultGroups groups = new ResultGroups(rows);
        String headline = libraries.headline();
        List<String> cultures = libraries.cultures();
        Optional<ResultGroups.Group> frozen = groups.get(AdapterCondition.IDENTITY.id(), RunUnit.NO_LIBRARY);
        List<String> figures = new ArrayList<>();
        if (frozen.isPresent()) {
            double frozenMse = frozen.get().meanMse();
            List<RunUnit> plotted = units.stream().filter(u -> !isSweepOnly(u.condition().id(), u.library(), headline))
                    .toList();
            ReportFigures.lossCurves(CurveFiles.means(out, plotted, headline, 1), frozenMse,
                    out.resolve("loss-curves.png"));
            figures.add("loss-curves.png|Validation loss over training per condition (mean over seeds; recorded "
                    + "libraries and their matched frozen reservoirs averaged over cultures).");
            ReportFigures.lossByCondition(groups.all().stream()
                    .filter(g -> !isSweepOnly(g.condition(), g.library(), headline)).toList(),
                    frozenMse, out.resolve("loss-by-condition.png"));
            figures.add("loss-by-condition.png|Mean validation loss per condition and library (circles), whiskers min "
                    + "and max over seeds; black line: frozen codec.");
            ReportFigures.sweepHeatMap(protocol.sweepSigmas(), protocol.sweepAmplitudes(), sweep(groups),
                    out.resolve("sweep-heatmap.png"));
            figures.add("sweep-heatmap.png|Mean relative decrease of validation loss (%) of the local kernel over "
                    + "sigma x A.");
        }
        Path adapterFile = out.resolve("adapters").resolve(ADAPTER_FILE);
        if (Files.exists(adapterFile)) {
            imageGrid(adapterFile);
        }
        if (Files.exists(out.resolve("reconstructions.png"))) { // kept from an earlier chunk when only it was saved
            figures.add("reconstructions.png|Validation frames: original | frozen codec | codec + local-kernel adapter "
                    + "(seed 0).");
        }
        arrayMaps(rows, cultures);
        figures.add("array-maps.png|One validation latent's channel 0 on the array: stimulation (signed current at "
                + "each token's site) and the evoked activity of the reservoirs.");
        ExperimentFiles.writeAtomically(out.resolve("report.md"),
                markdown(groups, rows.size(), Claims.check(groups, headline, cultures), figures,
                        OracleTable.summary(out.resolve(OracleTable.FILE))));
    }

    /** Whether {@code condition} on {@code library} is a cell of the sweep other than the headline kernel. */
    private static boolean isSweepOnly(String condition, String library, String headline) {
        return condition.equals(AdapterCondition.LOCAL_KERNEL.id()) && !library.equals(headline);
    }

    private double[][] sweep(ResultGroups groups) {
        double[] sigmas = protocol.sweepSigmas();
        float[] amplitudes = protocol.sweepAmplitudes();
        double[][] percent = new double[sigmas.length][amplitudes.length];
        for (int i = 0; i < sigmas.length; i++) {
            for (int j = 0; j < amplitudes.length; j++) {
                percent[i][j] = groups.get(AdapterCondition.LOCAL_KERNEL.id(), Libraries.kernelName(sigmas[i],
                        amplitudes[j])).map(g -> 100 * g.meanRelativeDecrease()).orElse(Double.NaN);
            }
        }
        return percent;
    }

    private void imageGrid(Path adapterFile) throws IOException {
        List<float[][]> grid = new ArrayList<>();
        float[] adapted = new float[LatentContract.LATENT_FLOATS];
        try (LatentAdapter adapter = AdapterSafetensors.read(adapterFile)) {
            LatentCache.Part validation = data.validation();
            for (int i = 0; i < Math.min(GRID_FRAMES, validation.size()); i++) {
                float[] original = new float[LatentContract.IMAGE_FLOATS];
                validation.readWindow(i, TokenWindow.FULL, original, 0);
                for (int k = 0; k < original.length; k++) {
                    original[k] = (original[k] + 1f) / 2f;
                }
                float[] latent = validation.latents()[i];
                adapter.apply(FloatBuffer.wrap(latent), FloatBuffer.wrap(adapted));
                grid.add(new float[][] {original, codec.decodeImages(latent, 1), codec.decodeImages(adapted, 1)});
            }
        }
        ReportFigures.imageGrid(grid, out.resolve("reconstructions.png"));
    }

    private void arrayMaps(List<ResultsTable.Row> rows, List<String> cultures) throws IOException {
        float[] latent = data.validation().latents()[0];
        int channel = 0;
        float[] stimulation = new float[encoding.geometry().electrodes()];
        for (int token : encoding.activeTokens()) {
            float z = latent[token * LatentContract.CHANNELS + channel];
            stimulation[encoding.siteElectrode(token)] = encoding.polarity(z) * encoding.currentUa(z, channel);
        }
        List<String> titles = new ArrayList<>(List.of("stimulation (signed uA)"));
        List<float[]> maps = new ArrayList<>(List.of(stimulation));
        titles.add("response: " + libraries.headline());
        maps.add(response(libraries.bank(libraries.headline()), latent, channel));
        Optional<String> culture = cultures.stream().filter(c -> rows.stream().anyMatch(r -> r.library().equals(c)))
                .findFirst();
        if (culture.isPresent()) {
            titles.add("response: " + culture.get());
            maps.add(response(libraries.bank(culture.get()), latent, channel));
        }
        ReportFigures.arrayMaps(encoding.geometry(), titles, maps, out.resolve("array-maps.png"));
    }

    private float[] response(KernelBank bank, float[] latent, int channel) {
        float[] weights = new float[StimulationWeights.size(bank.levels())];
        StimulationWeights.compute(encoding, bank.currentLevelsUa(), latent, weights);
        float[] activity = new float[bank.electrodes()];
        for (int l = 0; l < bank.levels(); l++) {
            for (int s = 0; s < LatentContract.TOKENS; s++) {
                float u = weights[(l * LatentContract.TOKENS + s) * LatentContract.CHANNELS + channel];
                if (u != 0f) {
                    bank.addKernel(s, l, u, activity);
                }
            }
        }
        return activity;
    }

    private String markdown(ResultGroups groups, int finished, List<Claims.Verdict> verdicts, List<String> figures,
            Optional<OracleTable.Summary> oracle) {
        StringBuilder md = new StringBuilder();
        md.append("# Adapter experiment: ").append(protocol.name()).append(" protocol\n\n");
        md.append(String.format(Locale.ROOT, "Written %s. %d of %d units finished%s.%n%n", LocalDate.now(), finished,
                units.size(), finished < units.size() ? " (rerun the same command to resume)" : ""));
        md.append(ReportSettings.codec(codec));
        md.append(String.format(Locale.ROOT, "- Data: %d train and %d validation frames (whole frames for validation)."
                + "%n", data.train().size(), data.validation().size()));
        md.append(String.format(Locale.ROOT, "- Training: %d seed(s); %d Adam steps (lr %s), batch %d crops of %dx%d "
                + "tokens; loss = MSE on [0, 1] pixels after the frozen decoder.%n", protocol.seeds(),
                protocol.training().steps(), protocol.training().learningRate(), protocol.training().batch(),
                protocol.training().cropRows(), protocol.training().cropCols()));
        md.append(ReportSettings.array(encoding, libraries.headline()));
        md.append(ReportSettings.ranOn()).append(System.lineSeparator());
        md.append("## The reference work's claims\n\n| claim | verdict | evidence |\n|---|---|---|\n");
        for (Claims.Verdict v : verdicts) {
            md.append("| ").append(v.claim()).append(" | **").append(v.status()).append("** | ")
                    .append(v.evidence()).append(" |\n");
        }
        md.append("\nThresholds (see `Claims`): \"27%\" means a mean relative decrease of at least 27%; \"about 1%\" "
                + "means at most 1.5% of the codec's parameters; \"beats\" means a measurably lower mean loss; "
                + "\"approaches\" means, where the fully trainable reservoir is measurably better than the matched "
                + "frozen one, a mean loss not measurably above the trainable reservoir's or closing at least 80% of "
                + "the gap. \"Measurably\" means by more than twice the standard error of the difference of the two "
                + "means over seeds.\n");
        if (protocol.name().equals("quick")) {
            md.append("\nThe quick protocol trains for a handful of steps on a few frames: its verdicts check the "
                    + "machinery, not the science.\n");
        }
        md.append("\n## The ceiling: the latent oracle\n\n");
        if (oracle.isPresent()) {
            OracleTable.Summary o = oracle.get();
            md.append(String.format(Locale.ROOT, "Optimising each of the %d validation frames' latents directly (%d Adam "
                    + "steps, lr %s, through the frozen decoder) lowers the mean MSE from %.6f to %.6f, a relative "
                    + "decrease of **%.1f%%**. An adapter applies one function to every latent, so on these frames no "
                    + "adapter can do better; a relative decrease above this ceiling cannot be reached with this codec. "
                    + "Per frame: `%s`.%n", o.frames(), protocol.oracle().steps(), protocol.oracle().learningRate(),
                    o.codecMse(), o.optimisedMse(), 100 * o.relativeDecrease(), OracleTable.FILE));
        } else {
            md.append("Not run yet (it runs before the first unit of a resumed run).\n");
        }
        md.append("\n## Results (validation frames; mean over seeds)\n\n| condition | library | seeds | trainable "
                + "| % of codec | MSE mean | MSE min-max | PSNR dB | SSIM | relative decrease |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (ResultGroups.Group g : groups.all()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,d | %.2f%% | %.7f | %.7f-%.7f | %.2f | %.4f | "
                    + "%.3f%% |%n", g.condition(), g.library(), g.seeds(), g.trainable(),
                    100.0 * g.trainable() / g.codec(), g.meanMse(), g.minMse(), g.maxMse(), g.meanPsnr(), g.meanSsim(),
                    100 * g.meanRelativeDecrease()));
        }
        md.append("\nEvery row of `results.csv` is one condition, library and seed; `curves/` holds each run's "
                + "validation loss curve.\n\n## Figures\n\n");
        for (String figure : figures) {
            String[] parts = figure.split("\\|", 2);
            md.append("![").append(parts[0]).append("](").append(parts[0]).append(")\n\n").append(parts[1])
                    .append("\n\n");
        }
        return md.toString();
    }
}
