package io.neuroframe.demo.cli;

import io.neuroframe.demo.style.Style;
import io.neuroframe.demo.style.Styles;
import picocli.CommandLine;

/** Turns a style name into a {@link Style}, naming the known styles when it is unknown. */
final class StyleConverter implements CommandLine.ITypeConverter<Style> {
    @Override
    public Style convert(String value) {
        try {
            return Styles.byName(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
