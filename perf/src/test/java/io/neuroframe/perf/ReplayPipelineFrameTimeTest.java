package io.neuroframe.perf;

import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.perf.scenario.ReplayDecodeScenarios;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own frame-time guard for the GL-free frame path: a 20 fps latent replay through the
 * pipeline into the default {@code nf-small} decoder on ONNX Runtime, against the committed
 * baseline {@code perf/baselines/replay-nf-small.json}, with the median limit for pipeline scenarios
 * on a shared machine (2.0: their worker threads track the machine-speed yardstick less closely
 * than a sequential scenario does) and a slack of 5 ms, about one scheduler time slice (with two
 * other busy processes on 2 cores the p95 of the 0.8 ms {@code pack} stage read 4.7 ms: one
 * preemption). The baseline is the median of 3 runs on a quiet machine. Re-record it with
 * {@code mvn -pl perf test -Dtest=ReplayPipelineFrameTimeTest -Dneuroframe.updateBaselines=true}.
 * It compares wall-clock times, so it runs only in the timing profile ({@code ./neuroframe test --timing}).
 */
@Tag("realtime")
class ReplayPipelineFrameTimeTest {

    @FrameTimeRegression(baseline = "baselines/replay-nf-small.json", frames = 150, warmupFrames = 20, p50Ratio = 2.0,
            slackMillis = 5, baselineRuns = 3)
    void replayThroughTheDefaultDecoderKeepsItsFrameTimes(FrameTimeCheck check, @TempDir Path dir) throws IOException {
        Path recording = ReplayDecodeScenarios.writeSyntheticRecording(dir.resolve("walk.nflat"), 100, 20, 1);
        VitVaeWeights weights = VitVaeWeights.random(VitVaeConfig.NF_SMALL, 1).decoderOnly();
        check.assertNoRegression(() -> ReplayDecodeScenarios.replayDecode("replay-nf-small", recording,
                () -> OrtDecoder.create(weights), 600));
    }
}
