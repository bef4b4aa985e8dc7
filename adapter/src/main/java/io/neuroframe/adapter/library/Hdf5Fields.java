package io.neuroframe.adapter.library;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/** Typed, checked reads of datasets and attributes from an open HDF5 file; errors name file and field. */
final class Hdf5Fields {

    private final HdfFile file;
    private final Path path;

    Hdf5Fields(HdfFile file, Path path) {
        this.file = file;
        this.path = path;
    }

    Path path() {
        return path;
    }

    boolean has(String name) {
        try {
            file.getByPath(name);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Refuses a file shorter than its HDF5 superblock says (cut off while copying or writing), before
     * anything past its end can be read as zeros or as a missing object.
     */
    void requireComplete() throws MeaLibraryFormatException {
        long declared = file.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
        long actual = file.size();
        if (actual < declared) {
            throw new MeaLibraryFormatException(path, "/", "truncated: the file has " + actual
                    + " bytes but its HDF5 superblock declares " + declared + " (the last " + (declared - actual)
                    + " bytes are missing)");
        }
    }

    Node node(String name) throws MeaLibraryFormatException {
        try {
            return file.getByPath(name);
        } catch (HdfInvalidPathException e) {
            throw new MeaLibraryFormatException(path, name, "missing");
        } catch (RuntimeException e) {
            throw new MeaLibraryFormatException(path, name, "unreadable, the file is damaged (" + e.getMessage() + ")",
                    e);
        }
    }

    Dataset dataset(String name) throws MeaLibraryFormatException {
        Node node = node(name);
        if (!(node instanceof Dataset dataset)) {
            throw new MeaLibraryFormatException(path, name, "expected a dataset, found a " + node.getType());
        }
        return dataset;
    }

    /** A dataset of {@code type} whose shape equals {@code shape} (a -1 entry matches any length). */
    Dataset dataset(String name, Class<?> type, int... shape) throws MeaLibraryFormatException {
        Dataset dataset = dataset(name);
        if (dataset.getJavaType() != type) {
            throw new MeaLibraryFormatException(path, name, "expected " + typeName(type) + ", found "
                    + typeName(dataset.getJavaType()));
        }
        int[] dims = dataset.isScalar() ? new int[0] : dataset.getDimensions();
        boolean matches = dims.length == shape.length;
        for (int i = 0; matches && i < shape.length; i++) {
            matches = shape[i] < 0 || shape[i] == dims[i];
        }
        if (!matches) {
            throw new MeaLibraryFormatException(path, name, "expected shape " + shapeText(shape) + ", found "
                    + Arrays.toString(dims));
        }
        requireStored(name, dataset);
        return dataset;
    }

    /** Checks that the bytes of a contiguous dataset's declared shape lie inside the file (jHDF reads that many). */
    private void requireStored(String name, Dataset dataset) throws MeaLibraryFormatException {
        if (!(dataset instanceof ContiguousDataset contiguous) || dataset.isEmpty()) {
            return;
        }
        long end = contiguous.getDataAddress() + dataset.getSizeInBytes();
        if (end > file.size()) {
            throw new MeaLibraryFormatException(path, name, "truncated: its data ends at byte " + end
                    + " but the file has " + file.size() + " bytes");
        }
    }

    float[] floats(String name, int... shape) throws MeaLibraryFormatException {
        float[] values = (float[]) dataset(name, float.class, shape).getDataFlat();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new MeaLibraryFormatException(path, name, "non-finite value " + values[i] + " at flat index " + i);
            }
        }
        return values;
    }

    int[] ints(String name, int... shape) throws MeaLibraryFormatException {
        return (int[]) dataset(name, int.class, shape).getDataFlat();
    }

    long[] longs(String name, int... shape) throws MeaLibraryFormatException {
        return (long[]) dataset(name, long.class, shape).getDataFlat();
    }

    Attribute attribute(Node node, String name) throws MeaLibraryFormatException {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null) {
            throw new MeaLibraryFormatException(path, node.getPath() + "@" + name, "missing attribute");
        }
        return attribute;
    }

    String stringAttribute(Node node, String name) throws MeaLibraryFormatException {
        Object data = attribute(node, name).getData();
        if (data instanceof String s) {
            return s;
        }
        if (data instanceof String[] array && array.length == 1) {
            return array[0];
        }
        throw new MeaLibraryFormatException(path, node.getPath() + "@" + name, "expected a string");
    }

    double numberAttribute(Node node, String name) throws MeaLibraryFormatException {
        Object data = attribute(node, name).getData();
        Object single = data != null && data.getClass().isArray() && java.lang.reflect.Array.getLength(data) == 1
                ? java.lang.reflect.Array.get(data, 0) : data;
        if (single instanceof Number n) {
            return n.doubleValue();
        }
        throw new MeaLibraryFormatException(path, node.getPath() + "@" + name, "expected a number, found "
                + (data == null ? "nothing" : data.getClass().getSimpleName()));
    }

    long[] longArrayAttribute(Node node, String name) throws MeaLibraryFormatException {
        Object data = attribute(node, name).getData();
        if (data instanceof long[] longs) {
            return longs;
        }
        if (data instanceof int[] ints) {
            return Arrays.stream(ints).asLongStream().toArray();
        }
        throw new MeaLibraryFormatException(path, node.getPath() + "@" + name, "expected an integer array");
    }

    private static String shapeText(int[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "*" : Integer.toString(shape[i]));
        }
        return text.append(']').toString();
    }

    static String typeName(Class<?> type) {
        if (type == float.class) {
            return "float32";
        }
        if (type == double.class) {
            return "float64";
        }
        if (type == int.class) {
            return "int32";
        }
        if (type == long.class) {
            return "int64";
        }
        if (type == short.class) {
            return "int16";
        }
        if (type == byte.class) {
            return "int8";
        }
        return type == null ? "unknown" : type.getSimpleName();
    }
}
