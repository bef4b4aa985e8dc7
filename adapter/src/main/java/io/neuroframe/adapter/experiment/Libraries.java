package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.culture.CultureNetwork;
import io.neuroframe.adapter.culture.SimulatedCulture;
import io.neuroframe.adapter.library.MeaLibraryFile;
import io.neuroframe.adapter.library.RecordedLibrary;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.adapter.response.LocalKernelResponse;
import io.neuroframe.adapter.response.RecordedLibraryResponse;
import io.neuroframe.codec.train.ProgressLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The reservoirs an experiment runs on, by library name: local kernels ({@code kernel sigma=2 A=1}) and recorded
 * libraries (a culture file's name without {@code .h5}). Cultures come from a folder of library files, or are grown
 * on first use into {@code culture-NN.h5} (seeds 1, 2, ...; an existing file is reused, so growing resumes).
 */
final class Libraries {

    private final Protocol protocol;
    private final StimulationEncoding encoding;
    private final Path cultureFolder;
    private final boolean grow;
    private final PrintWriter log;
    private final Map<String, KernelBank> banks = new HashMap<>();

    /**
     * @param givenCultures a folder of library files to use, or null to grow the protocol's cultures into
     *        {@code growInto}
     */
    Libraries(Protocol protocol, StimulationEncoding encoding, Path givenCultures, Path growInto, PrintWriter log) {
        this.protocol = protocol;
        this.encoding = encoding;
        this.cultureFolder = givenCultures != null ? givenCultures : growInto;
        this.grow = givenCultures == null;
        this.log = log;
    }

    /** The name of the local kernel with spatial scale {@code sigma} and amplitude {@code amplitude}. */
    static String kernelName(double sigma, float amplitude) {
        return String.format(Locale.ROOT, "kernel sigma=%s A=%s", trim(sigma), trim(amplitude));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The headline local kernel, to which the controls are matched. */
    String headline() {
        return kernelName(protocol.sigma(), protocol.amplitude());
    }

    /** Names of the culture libraries, in order. */
    List<String> cultures() throws IOException {
        if (grow) {
            return IntStream.rangeClosed(1, protocol.cultures())
                    .mapToObj(i -> String.format(Locale.ROOT, "culture-%02d", i)).toList();
        }
        if (!Files.isDirectory(cultureFolder)) {
            throw new IOException("culture library folder not found: " + cultureFolder);
        }
        try (Stream<Path> files = Files.list(cultureFolder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".h5")).sorted()
                    .map(n -> n.substring(0, n.length() - 3)).toList();
            if (names.isEmpty()) {
                throw new IOException(cultureFolder + ": no library files (*.h5)");
            }
            return names;
        }
    }

    /**
     * The network of culture {@code name} as it is grown (the network its library is recorded from).
     *
     * @throws IOException when the cultures come from library files, which hold no network
     */
    CultureNetwork network(String name) throws IOException {
        if (!grow) {
            throw new IOException("the network of " + name + " is not known: library files (" + cultureFolder
                    + ") hold recordings, not networks; network-culture needs grown cultures");
        }
        return CultureNetwork.grow(protocol.culture(), cultureSeed(name));
    }

    /** Whether the cultures are grown here (and so have networks). */
    boolean grows() {
        return grow;
    }

    /** The seed culture {@code name} ({@code culture-NN}) is grown from. */
    static long cultureSeed(String name) {
        return Integer.parseInt(name.substring("culture-".length()));
    }

    /** The reservoir of library {@code name}. */
    KernelBank bank(String name) throws IOException {
        KernelBank bank = banks.get(name);
        if (bank == null) {
            bank = name.startsWith("kernel ") ? kernel(name) : culture(name);
            banks.put(name, bank);
        }
        return bank;
    }

    private KernelBank kernel(String name) {
        for (double sigma : Stream.concat(Stream.of(protocol.sigma()),
                java.util.Arrays.stream(protocol.sweepSigmas()).boxed()).toList()) {
            for (float amplitude : amplitudes()) {
                if (kernelName(sigma, amplitude).equals(name)) {
                    return KernelBank.of(LocalKernelResponse.of(encoding.geometry(), sigma, amplitude),
                            encoding.siteElectrodes(), 0f);
                }
            }
        }
        throw new IllegalArgumentException("no local kernel called '" + name + "' in protocol " + protocol.name());
    }

    private float[] amplitudes() {
        float[] sweep = protocol.sweepAmplitudes();
        float[] all = java.util.Arrays.copyOf(sweep, sweep.length + 1);
        all[sweep.length] = protocol.amplitude();
        return all;
    }

    private KernelBank culture(String name) throws IOException {
        Path file = cultureFolder.resolve(name + ".h5");
        if (!Files.exists(file)) {
            if (!grow) {
                throw new IOException("culture library not found: " + file);
            }
            growCulture(name, file);
        }
        RecordedLibrary library = MeaLibraryFile.read(file);
        return KernelBank.of(new RecordedLibraryResponse(library, name), encoding.siteElectrodes(), 0f);
    }

    private void growCulture(String name, Path file) throws IOException {
        long index = cultureSeed(name);
        log.printf(Locale.ROOT, "growing %s (seed %d, %d neurons, %d trials)%n", name, index,
                protocol.culture().neurons(), protocol.culture().trials());
        log.flush();
        RecordedLibrary library = SimulatedCulture.grow(protocol.culture(), index).record(encoding.siteElectrodes(),
                Runtime.getRuntime().availableProcessors(), new ProgressLine(log, "  " + name, "sites")::accept);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        MeaLibraryFile.write(library, partial);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
