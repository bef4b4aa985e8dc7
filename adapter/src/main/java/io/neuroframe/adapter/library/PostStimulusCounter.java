package io.neuroframe.adapter.library;

import io.neuroframe.adapter.mea.MeaGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns spikes and a stimulation protocol into a recorded library: the response of one trial is the number of
 * spikes per electrode from {@code blankingMs} to {@code windowMs} after the stimulus (the blanking skips the
 * stimulation artifact). Sites are the distinct stimulated electrodes, currents the distinct amplitudes, both
 * ascending; trials are the stimuli of each (site, current) in time order. Every (site, current) must have been
 * stimulated; when the counts differ, the library keeps the first {@code min} trials of each and says so in
 * its provenance. Spikes on channels outside the array or at negative frames are dropped and counted in the
 * provenance; a recording whose spikes are all out of range, or with no spike in any counting window, is
 * refused.
 *
 * @param geometry the array the recording was made on
 * @param windowMs end of the counting window after the stimulus, in milliseconds
 * @param blankingMs start of the counting window after the stimulus, in milliseconds
 */
public record PostStimulusCounter(MeaGeometry geometry, double windowMs, double blankingMs) {

    public PostStimulusCounter {
        if (!(windowMs > blankingMs) || blankingMs < 0) {
            throw new IllegalArgumentException("need 0 <= blankingMs < windowMs, got blanking " + blankingMs
                    + " ms and window " + windowMs + " ms");
        }
    }

    /** Defaults: the standard array, a 20 ms window after 2 ms of blanking. */
    public static PostStimulusCounter defaults() {
        return new PostStimulusCounter(MeaGeometry.standard(), 20.0, 2.0);
    }

    /** Counts {@code spikes} after each event of {@code protocol}; {@code source} goes into the provenance. */
    public RecordedLibrary count(SpikeTrain spikes, List<StimulationEvent> protocol, String source) {
        if (protocol.isEmpty()) {
            throw new IllegalArgumentException(source + ": the stimulation protocol is empty");
        }
        TreeSet<Integer> siteSet = new TreeSet<>();
        TreeSet<Float> currentSet = new TreeSet<>();
        Map<Long, List<StimulationEvent>> byCell = new TreeMap<>();
        for (StimulationEvent event : protocol) {
            if (event.electrode() >= geometry.electrodes()) {
                throw new IllegalArgumentException(source + ": stimulated electrode " + event.electrode()
                        + " is outside the " + geometry.rows() + " x " + geometry.cols() + " array");
            }
            siteSet.add(event.electrode());
            currentSet.add(event.currentUa());
        }
        int[] sites = siteSet.stream().mapToInt(Integer::intValue).toArray();
        float[] currents = new float[currentSet.size()];
        int k = 0;
        for (float c : currentSet) {
            currents[k++] = c;
        }
        List<StimulationEvent> sorted = new ArrayList<>(protocol);
        sorted.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        for (StimulationEvent event : sorted) {
            long cell = (long) Arrays.binarySearch(sites, event.electrode()) * currents.length
                    + Arrays.binarySearch(currents, event.currentUa());
            byCell.computeIfAbsent(cell, key -> new ArrayList<>()).add(event);
        }
        int trials = Integer.MAX_VALUE;
        int maxTrials = 0;
        for (int s = 0; s < sites.length; s++) {
            for (int c = 0; c < currents.length; c++) {
                List<StimulationEvent> events = byCell.get((long) s * currents.length + c);
                if (events == null) {
                    throw new IllegalArgumentException(source + ": electrode " + sites[s] + " was never stimulated at "
                            + currents[c] + " uA; every stimulated electrode needs every current");
                }
                trials = Math.min(trials, events.size());
                maxTrials = Math.max(maxTrials, events.size());
            }
        }
        int outOfRange = outOfRange(spikes);
        if (outOfRange > 0 && outOfRange == spikes.frames().length) {
            throw new IllegalArgumentException(source + ": all " + outOfRange + " spikes lie on channels outside the "
                    + geometry.rows() + " x " + geometry.cols() + " array (0.." + (geometry.electrodes() - 1)
                    + ") or at negative frames; is the recording from another array?");
        }
        long blanking = Math.round(blankingMs * spikes.samplingRateHz() / 1000);
        long window = Math.round(windowMs * spikes.samplingRateHz() / 1000);
        int rows = sites.length * currents.length * trials;
        int[] offsets = new int[rows + 1];
        List<int[]> rowIndices = new ArrayList<>(rows);
        List<float[]> rowValues = new ArrayList<>(rows);
        int[] counts = new int[geometry.electrodes()];
        int entries = 0;
        for (int s = 0; s < sites.length; s++) {
            for (int c = 0; c < currents.length; c++) {
                List<StimulationEvent> events = byCell.get((long) s * currents.length + c);
                for (int t = 0; t < trials; t++) {
                    long onset = events.get(t).frame();
                    Arrays.fill(counts, 0);
                    for (int i = spikes.firstAtOrAfter(onset + blanking); i < spikes.frames().length
                            && spikes.frames()[i] < onset + window; i++) {
                        if (inRange(spikes, i)) {
                            counts[spikes.electrodes()[i]]++;
                        }
                    }
                    int nonZero = (int) Arrays.stream(counts).filter(v -> v != 0).count();
                    int[] indices = new int[nonZero];
                    float[] values = new float[nonZero];
                    int n = 0;
                    for (int e = 0; e < counts.length; e++) {
                        if (counts[e] != 0) {
                            indices[n] = e;
                            values[n++] = counts[e];
                        }
                    }
                    rowIndices.add(indices);
                    rowValues.add(values);
                    entries += nonZero;
                    offsets[rowIndices.size()] = entries;
                }
            }
        }
        if (entries == 0) {
            throw new IllegalArgumentException(source + ": none of the " + spikes.frames().length + " spikes fell in a "
                    + "counting window (" + blankingMs + "-" + windowMs + " ms after each of the " + protocol.size()
                    + " stimuli); do the protocol's frames index this recording?");
        }
        int[] indices = new int[entries];
        float[] values = new float[entries];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(rowIndices.get(r), 0, indices, offsets[r], rowIndices.get(r).length);
            System.arraycopy(rowValues.get(r), 0, values, offsets[r], rowValues.get(r).length);
        }
        String provenance = "imported from " + source + "; window " + blankingMs + "-" + windowMs + " ms; "
                + protocol.size() + " stimuli" + (maxTrials > trials ? "; kept the first " + trials + " of up to "
                + maxTrials + " trials per site and current" : "") + (outOfRange > 0 ? "; dropped " + outOfRange
                + " of " + spikes.frames().length + " spikes on channels outside the array or at negative frames" : "");
        return RecordedLibrary.ofSparse(geometry, currents, sites, trials, offsets, indices, values,
                new RecordedLibrary.Metadata("spikes", windowMs - blankingMs, provenance));
    }

    private boolean inRange(SpikeTrain spikes, int i) {
        int electrode = spikes.electrodes()[i];
        return spikes.frames()[i] >= 0 && electrode >= 0 && electrode < geometry.electrodes();
    }

    /** Spikes on channels outside the array or at negative frames: they are dropped, and the count is reported. */
    private int outOfRange(SpikeTrain spikes) {
        int dropped = 0;
        for (int i = 0; i < spikes.frames().length; i++) {
            if (!inRange(spikes, i)) {
                dropped++;
            }
        }
        return dropped;
    }
}
