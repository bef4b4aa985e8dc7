package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.train.AdapterTrainer.CurvePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveFilesTest {

    private static final String KERNEL = "kernel sigma=2 A=1";

    @TempDir
    Path out;

    @Test
    void writesEitherColumnSetAndReadsTheFinitePoints() throws IOException {
        RunUnit unit = new RunUnit(AdapterCondition.TOKEN_MAP, RunUnit.NO_LIBRARY, 0);
        List<CurvePoint> curve = List.of(new CurvePoint(0, 0.5, Double.NaN), new CurvePoint(10, 0.25, 0.3));

        CurveFiles.write(out, unit, curve, CurveFiles.Columns.VALIDATION);
        Path file = out.resolve("curves").resolve(unit.fileStem() + ".csv");
        assertEquals(List.of("step,validation_mse", "0,0.50000000", "10,0.25000000"), Files.readAllLines(file));

        CurveFiles.write(out, unit, curve, CurveFiles.Columns.VALIDATION_AND_TRAIN);
        assertEquals(List.of("step,validation_mse,train_loss", "0,0.50000000,NaN", "10,0.25000000,0.30000000"),
                Files.readAllLines(file));
        assertArrayEquals(new double[][] {{10}, {0.3}}, CurveFiles.read(out, unit, 2));
        assertNull(CurveFiles.read(out, new RunUnit(AdapterCondition.LOW_RANK, RunUnit.NO_LIBRARY, 0), 1));
    }

    @Test
    void meansAverageSeedsAndCulturesUnderOneLabelAndLeaveOutTheFrozenCodec() throws IOException {
        write(new RunUnit(AdapterCondition.IDENTITY, RunUnit.NO_LIBRARY, 0), 1.0, 1.0);
        write(new RunUnit(AdapterCondition.LOCAL_KERNEL, KERNEL, 0), 1.0, 0.8);
        write(new RunUnit(AdapterCondition.LOCAL_KERNEL, KERNEL, 1), 1.0, 0.6);
        write(new RunUnit(AdapterCondition.RECORDED_LIBRARY, "culture-01", 0), 1.0, 0.9);
        write(new RunUnit(AdapterCondition.RECORDED_LIBRARY, "culture-02", 0), 1.0);
        List<RunUnit> units = List.of(new RunUnit(AdapterCondition.IDENTITY, RunUnit.NO_LIBRARY, 0),
                new RunUnit(AdapterCondition.LOCAL_KERNEL, KERNEL, 0), new RunUnit(AdapterCondition.LOCAL_KERNEL,
                        KERNEL, 1), new RunUnit(AdapterCondition.RECORDED_LIBRARY, "culture-01", 0),
                new RunUnit(AdapterCondition.RECORDED_LIBRARY, "culture-02", 0),
                new RunUnit(AdapterCondition.LOW_RANK, RunUnit.NO_LIBRARY, 0));

        Map<String, double[][]> means = CurveFiles.means(out, units, KERNEL, 1);

        assertEquals(List.of("local-kernel", "recorded-library (cultures)"), List.copyOf(means.keySet()));
        assertArrayEquals(new double[][] {{0, 10}, {1.0, 0.7}}, means.get("local-kernel"));
        assertArrayEquals(new double[][] {{0}, {1.0}}, means.get("recorded-library (cultures)"),
                "as long as the shortest curve");
    }

    private void write(RunUnit unit, double... mse) throws IOException {
        List<CurvePoint> curve = new ArrayList<>();
        for (int i = 0; i < mse.length; i++) {
            curve.add(new CurvePoint(10L * i, mse[i], 0.1));
        }
        CurveFiles.write(out, unit, curve, CurveFiles.Columns.VALIDATION);
    }
}
