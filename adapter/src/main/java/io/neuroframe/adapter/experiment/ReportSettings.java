package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.train.FrozenCodec;
import java.util.Locale;

/** The settings lines every experiment report lists: the frozen codec, the array, and the machine it ran on. */
final class ReportSettings {

    private ReportSettings() {
    }

    /** {@code - Codec: ...}: its preset, parameter count and weights fingerprint. */
    static String codec(FrozenCodec codec) {
        return String.format(Locale.ROOT, "- Codec: preset `%s`, %,d parameters, frozen (weights SHA-256 `%s`).%n",
                codec.weights().config().name(), codec.parameterCount(), codec.fingerprint().substring(0, 16));
    }

    /** {@code - Array: ...}: the electrode grid, the headline biology and the stimulation encoding. */
    static String array(StimulationEncoding encoding, String headline) {
        return String.format(Locale.ROOT, "- Array: %d x %d electrodes; headline biology `%s`; encoding %s.%n",
                encoding.geometry().rows(), encoding.geometry().cols(), headline, encoding.describe());
    }

    /** {@code - Ran on: ...}: processors, system and Java version. */
    static String ranOn() {
        return String.format(Locale.ROOT, "- Ran on: %d processors, %s %s, Java %s, DJL PyTorch on the CPU.%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"));
    }
}
