package io.neuroframe.adapter.response;

import io.neuroframe.adapter.library.RecordedLibrary;
import io.neuroframe.adapter.mea.MeaGeometry;

/**
 * Responses recombined from a recorded library (a real recording or a simulated culture): stimulating a
 * site at a current returns that site's recorded response at that current, interpolated between the recorded
 * currents. Deterministic mode uses the average over trials; trial mode picks one recorded trial per site and
 * stimulation, the same trial at both interpolated currents.
 */
public final class RecordedLibraryResponse implements ResponseModel {

    private final RecordedLibrary library;
    private final int[] siteIndexByElectrode;
    private final String name;

    /**
     * @param library the recorded responses
     * @param name short name for reports, e.g. the culture's file name
     */
    public RecordedLibraryResponse(RecordedLibrary library, String name) {
        this.library = library;
        this.name = name;
        this.siteIndexByElectrode = new int[library.geometry().electrodes()];
        java.util.Arrays.fill(siteIndexByElectrode, -1);
        int[] sites = library.siteElectrodes();
        for (int s = 0; s < sites.length; s++) {
            siteIndexByElectrode[sites[s]] = s;
        }
    }

    public RecordedLibrary library() {
        return library;
    }

    @Override
    public MeaGeometry geometry() {
        return library.geometry();
    }

    @Override
    public float[] currentLevelsUa() {
        return library.currentsUa();
    }

    @Override
    public void addMeanResponse(int site, int level, float scale, float[] activity) {
        library.addMean(librarySite(site), level, scale, activity);
    }

    @Override
    public void addTrialResponse(int site, int level, float scale, long trialKey, float[] activity) {
        library.addTrial(librarySite(site), level, (int) Math.floorMod(trialKey, (long) library.trials()), scale,
                activity);
    }

    private int librarySite(int electrode) {
        int s = electrode >= 0 && electrode < siteIndexByElectrode.length ? siteIndexByElectrode[electrode] : -1;
        if (s < 0) {
            throw new IllegalArgumentException(name + ": electrode " + electrode + " (row "
                    + electrode / library.geometry().cols() + ", col " + electrode % library.geometry().cols()
                    + ") was not stimulated in this library");
        }
        return s;
    }

    @Override
    public String describe() {
        return "recorded-library " + name + " (" + library.sites() + " sites, " + library.currents()
                + " currents, " + library.trials() + " trials)";
    }
}
