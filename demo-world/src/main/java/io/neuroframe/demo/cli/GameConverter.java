package io.neuroframe.demo.cli;

import io.neuroframe.games.UnseenGame;
import java.util.Arrays;
import picocli.CommandLine;

/** Turns a game name into an {@link UnseenGame}, naming the five games when it is unknown. */
final class GameConverter implements CommandLine.ITypeConverter<UnseenGame> {
    @Override
    public UnseenGame convert(String value) {
        return Arrays.stream(UnseenGame.values()).filter(g -> g.gameName().equals(value)).findFirst()
                .orElseThrow(() -> new CommandLine.TypeConversionException("unknown game '" + value + "'; known games: "
                        + String.join(", ", Arrays.stream(UnseenGame.values()).map(UnseenGame::gameName).sorted()
                        .toList())));
    }
}
