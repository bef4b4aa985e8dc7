package io.neuroframe.games;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The five games the codec never saw, each rendered from jMonkeyEngine's published test art. */
public enum UnseenGame {
    /** Outdoor terrain with splatted grass, dirt and roads under a bright sky. */
    HIGHLANDS(HighlandsScene::new),
    /** A walk through the Sponza atrium. */
    ATRIUM(AtriumScene::new),
    /** A yard of hover tanks and Ferraris. */
    SHOWROOM(ShowroomScene::new),
    /** Third-person: Sinbad among animated characters on a field by a lagoon. */
    ARENA(ArenaScene::new),
    /** A grid of blocks lit by neon lamps at night. */
    NIGHT(NightScene::new);

    private final Supplier<GameScene> scene;

    UnseenGame(Supplier<GameScene> scene) {
        this.scene = scene;
    }

    /** The name used on the command line and in the manifest's {@code style} field, e.g. {@code atrium}. */
    public String gameName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A fresh scene of this game. */
    public GameScene newScene() {
        return scene.get();
    }

    /**
     * Parses {@code all} or a comma-separated list of game names.
     *
     * @throws IllegalArgumentException naming the unknown game and the known ones
     */
    public static List<UnseenGame> parseList(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        List<UnseenGame> games = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim();
            UnseenGame game = Arrays.stream(values()).filter(g -> g.gameName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown game '" + name + "' in --games; known: "
                            + String.join(", ", Arrays.stream(values()).map(UnseenGame::gameName).toList())
                            + " or all"));
            if (games.contains(game)) {
                throw new IllegalArgumentException("game '" + name + "' is listed twice in --games");
            }
            games.add(game);
        }
        return List.copyOf(games);
    }
}
