package faqbot.app;

import faqbot.knowledge.Format;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.ParseException;
import faqbot.knowledge.Parsers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example knowledge pack bundled in the jar, so a first run on an empty database answers
 * something real. Class-path folders cannot be listed, so {@code index.txt} names the files.
 */
final class ExamplePack {
  static final String FOLDER = "/faqbot/example-pack/";

  private ExamplePack() {}

  /** The pack's file names, in order. */
  static List<String> files() throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : read("index.txt").split("\\R")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }

  static String read(String name) throws IOException {
    try (InputStream in = ExamplePack.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IOException("example pack file missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Imports every pack file; returns how many entries were added. */
  static int load(KnowledgeBase kb) throws IOException {
    int added = 0;
    for (String name : files()) {
      String text = read(name);
      try {
        Format format = Parsers.detect(name, text)
            .orElseThrow(() -> new ParseException(name, null, "unknown format"));
        added += kb.importDocument(Parsers.parse(format, "example-pack/" + name, text)).added();
      } catch (ParseException e) {
        // the pack ships inside the jar: a broken file is a build defect, not user input
        throw new IllegalStateException("bundled example pack is broken: " + e.getMessage(), e);
      }
    }
    return added;
  }
}
