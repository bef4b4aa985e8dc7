package io.neuroframe.games;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.neuroframe.capture.CaptureSettings;
import java.util.List;

/**
 * What a games dataset is made of. Stored in the dataset folder as {@value CaptureSettings#FILE_NAME}; a resumed
 * run must use the same settings.
 *
 * @param games the games, in the order they are rendered
 * @param trainFrames training frames per game (at least 1)
 * @param validationFrames validation frames per game (at least 1)
 * @param seed seed of the levels and the scripted players
 * @param trajectoryLength frames per trajectory (the last of a split may be shorter)
 */
public record GamesSettings(List<UnseenGame> games, int trainFrames, int validationFrames, long seed,
                            int trajectoryLength) implements CaptureSettings {

    public GamesSettings {
        games = List.copyOf(games);
        if (games.isEmpty()) {
            throw new IllegalArgumentException("--games names no game");
        }
        if (trainFrames < 1) {
            throw new IllegalArgumentException("--train-frames must be > 0, got " + trainFrames);
        }
        if (validationFrames < 1) {
            throw new IllegalArgumentException("--val-frames must be > 0, got " + validationFrames);
        }
        if (trajectoryLength < 1) {
            throw new IllegalArgumentException("--trajectory-length must be > 0, got " + trajectoryLength);
        }
    }

    @Override
    public int totalFrames() {
        return games.size() * (trainFrames + validationFrames);
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray names = new JsonArray();
        games.forEach(g -> names.add(g.gameName()));
        o.add("games", names);
        o.addProperty("trainFrames", trainFrames);
        o.addProperty("validationFrames", validationFrames);
        o.addProperty("seed", seed);
        o.addProperty("trajectoryLength", trajectoryLength);
        CaptureSettings.addFrameFormat(o);
        return o;
    }
}
