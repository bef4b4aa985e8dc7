package io.neuroframe.adapter.library;

/**
 * Detected spikes of a whole recording, sorted by frame.
 *
 * @param frames sample index of each spike, ascending
 * @param electrodes electrode (channel index) of each spike
 * @param samplingRateHz samples per second
 */
public record SpikeTrain(long[] frames, int[] electrodes, double samplingRateHz) {

    public SpikeTrain {
        if (frames.length != electrodes.length) {
            throw new IllegalArgumentException(frames.length + " spike times but " + electrodes.length + " channels");
        }
        if (!(samplingRateHz > 0)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + samplingRateHz);
        }
    }

    /** Index of the first spike at or after {@code frame}. */
    int firstAtOrAfter(long frame) {
        int low = 0;
        int high = frames.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (frames[mid] < frame) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
