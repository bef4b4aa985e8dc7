package io.neuroframe.adapter.library;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads spikes from 3Brain BrainWave 5 recordings (HDF5; layout in {@code docs/mea-library-hdf5.md}).
 *
 * <ul>
 *   <li>BXR (detected spikes): root attribute {@code SamplingRate}; {@code Well_A1/SpikeTimes} (int64, frame
 *       of each spike) and {@code Well_A1/SpikeChIdxs} (int32, channel index {@code row * 64 + col}).</li>
 *   <li>BRW v4 (raw): root attribute {@code SamplingRate}; {@code Well_A1/StoredChIdxs} (int32, the recorded
 *       channels) and {@code Well_A1/Raw} (16-bit samples, frame-major: all stored channels of frame 0, then
 *       frame 1, ...). Spikes are detected per channel as downward crossings of {@code median - k * sigma},
 *       sigma the median absolute deviation / 0.6745 of the channel's first {@link #NOISE_FRAMES} frames, with
 *       a 1 ms refractory period. The compressed BRW layouts ({@code EventsBasedSparseRaw},
 *       {@code WaveletBasedEncodedRaw}) are not decoded: export spikes to BXR for those.</li>
 * </ul>
 */
public final class BrainWaveFiles {

    /** Frames per channel used to estimate the noise level of a raw recording. */
    public static final int NOISE_FRAMES = 4096;
    /** Frames read from a raw recording at a time. */
    private static final int BLOCK_FRAMES = 2048;

    static {
        Hdf5Logging.quiet();
    }

    private BrainWaveFiles() {
    }

    /** Spikes of a BXR file. */
    public static SpikeTrain readBxr(Path path) throws IOException {
        try (HdfFile file = open(path)) {
            Hdf5Fields fields = new Hdf5Fields(file, path);
            double rate = fields.numberAttribute(file, "SamplingRate");
            long[] times = fields.longs("Well_A1/SpikeTimes", -1);
            int[] channels = fields.ints("Well_A1/SpikeChIdxs", times.length);
            return sorted(times, channels, rate);
        } catch (HdfException e) {
            throw new MeaLibraryFormatException(path, "/", "unreadable HDF5 content (" + e.getMessage() + ")", e);
        }
    }

    /** Spikes detected in a BRW v4 raw recording at {@code thresholdSigmas} noise levels below the median. */
    public static SpikeTrain readBrw(Path path, double thresholdSigmas) throws IOException {
        if (!(thresholdSigmas > 0)) {
            throw new IllegalArgumentException("thresholdSigmas must be positive, got " + thresholdSigmas);
        }
        try (HdfFile file = open(path)) {
            Hdf5Fields fields = new Hdf5Fields(file, path);
            for (String compressed : new String[] {"Well_A1/EventsBasedSparseRaw", "Well_A1/WaveletBasedEncodedRaw"}) {
                if (fields.has(compressed)) {
                    throw new MeaLibraryFormatException(path, "/" + compressed, "compressed BRW layouts are not "
                            + "decoded; export the spikes to a BXR file and import that");
                }
            }
            double rate = fields.numberAttribute(file, "SamplingRate");
            int[] stored = fields.ints("Well_A1/StoredChIdxs", -1);
            Dataset raw = fields.dataset("Well_A1/Raw");
            if (raw.getJavaType() != short.class && raw.getJavaType() != int.class) {
                throw new MeaLibraryFormatException(path, "/Well_A1/Raw", "expected 16-bit samples, found "
                        + Hdf5Fields.typeName(raw.getJavaType()));
            }
            long samples = raw.getSize();
            if (stored.length == 0 || samples % stored.length != 0) {
                throw new MeaLibraryFormatException(path, "/Well_A1/Raw", samples + " samples do not divide into "
                        + stored.length + " stored channels");
            }
            return detect(raw, stored, samples / stored.length, rate, thresholdSigmas);
        } catch (HdfException e) {
            throw new MeaLibraryFormatException(path, "/", "unreadable HDF5 content (" + e.getMessage() + ")", e);
        }
    }

    private static HdfFile open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new MeaLibraryFormatException(path, "/", "no such file");
        }
        try {
            return new HdfFile(path);
        } catch (HdfException e) {
            throw new MeaLibraryFormatException(path, "/", "not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    private static SpikeTrain detect(Dataset raw, int[] stored, long frames, double rate, double k) {
        int channels = stored.length;
        int noiseFrames = (int) Math.min(frames, NOISE_FRAMES);
        float[] block = read(raw, 0, noiseFrames * channels);
        float[] median = new float[channels];
        float[] threshold = new float[channels];
        float[] column = new float[noiseFrames];
        for (int ch = 0; ch < channels; ch++) {
            for (int f = 0; f < noiseFrames; f++) {
                column[f] = block[f * channels + ch];
            }
            median[ch] = median(column);
            for (int f = 0; f < noiseFrames; f++) {
                column[f] = Math.abs(column[f] - median[ch]);
            }
            threshold[ch] = median[ch] - (float) (k * median(column) / 0.6745);
        }
        long refractory = Math.max(1, Math.round(rate / 1000));
        long[] lastSpike = new long[channels];
        Arrays.fill(lastSpike, Long.MIN_VALUE / 2);
        boolean[] below = new boolean[channels];
        long[] times = new long[1024];
        int[] electrodes = new int[1024];
        int count = 0;
        for (long start = 0; start < frames; start += BLOCK_FRAMES) {
            int length = (int) Math.min(BLOCK_FRAMES, frames - start);
            block = read(raw, start * channels, length * channels);
            for (int f = 0; f < length; f++) {
                long frame = start + f;
                for (int ch = 0; ch < channels; ch++) {
                    boolean isBelow = block[f * channels + ch] < threshold[ch];
                    if (isBelow && !below[ch] && frame - lastSpike[ch] >= refractory) {
                        if (count == times.length) {
                            times = Arrays.copyOf(times, count * 2);
                            electrodes = Arrays.copyOf(electrodes, count * 2);
                        }
                        times[count] = frame;
                        electrodes[count++] = stored[ch];
                        lastSpike[ch] = frame;
                    }
                    below[ch] = isBelow;
                }
            }
        }
        return new SpikeTrain(Arrays.copyOf(times, count), Arrays.copyOf(electrodes, count), rate);
    }

    private static float[] read(Dataset raw, long offset, int length) {
        Object data = raw.getData(new long[] {offset}, new int[] {length});
        float[] values = new float[length];
        if (data instanceof short[] shorts) {
            for (int i = 0; i < length; i++) {
                values[i] = shorts[i];
            }
        } else {
            int[] ints = (int[]) data;
            for (int i = 0; i < length; i++) {
                values[i] = ints[i];
            }
        }
        return values;
    }

    private static float median(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5f * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static SpikeTrain sorted(long[] times, int[] channels, double rate) {
        Integer[] order = new Integer[times.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        long[] t = new long[times.length];
        int[] c = new int[times.length];
        for (int i = 0; i < order.length; i++) {
            t[i] = times[order[i]];
            c[i] = channels[order[i]];
        }
        return new SpikeTrain(t, c, rate);
    }
}
