package faqbot.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A command as a platform delivered it, with typed values (a Discord slash command's options):
 * the core checks them against the catalogue without turning them into text first.
 *
 * @param name the command's name in the {@link CommandCatalogue}
 * @param arguments by argument name: a String for text and choices, a Long for numbers and ids,
 *     a Long user id of the calling platform for a user; missing or null when not given
 */
public record CommandCall(String name, Map<String, Object> arguments) {
  public CommandCall {
    Objects.requireNonNull(name, "name");
    Map<String, Object> given = new LinkedHashMap<>();
    arguments.forEach((k, v) -> {
      if (v != null) {
        given.put(k, v);
      }
    });
    arguments = Map.copyOf(given);
  }
}
