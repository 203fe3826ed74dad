package faqbot.knowledge;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a health article in numbered sections (shared/seeds/003_*.txt): line 1 the title, then
 * "2. AT-A-GLANCE" bullets, "3. QUICK TAKE", "4. SEO TITLE", "5. SEO DESCRIPTION" (their text on
 * the header line or the lines below) and "6. ARTICLE BODY" up to the end of the document.
 *
 * <p>Authors renumber, drop numbers or change case, so a header is recognized by its keyword:
 * after a number ("3. quick take ..."), alone on its line ("Quick take:"), or in capitals
 * ("QUICK TAKE text"). Everything after the body header is body, whatever it looks like. Text
 * with no section header at all is read as a title and a body.
 */
final class ArticlePageParser {
  private enum Section { AT_A_GLANCE, QUICK_TAKE, SEO_TITLE, SEO_DESCRIPTION, BODY }

  private static final String KEYWORD_ALTERNATIVES =
      "AT[\\s-]*A[\\s-]*GLANCE|QUICK[\\s-]*TAKE|SEO[\\s-]*TITLE|SEO[\\s-]*DESCRIPTION"
          + "|ARTICLE[\\s-]*BODY";
  private static final String KEYWORDS = "(" + KEYWORD_ALTERNATIVES + ")";
  private static final Pattern NUMBERED = Pattern.compile(
      "(?i)^\\s*\\d+\\s*[.)]\\s*" + KEYWORDS + "(?![\\p{L}\\d-])\\s*[:.\\-–]?\\s*(.*)$");
  // "Body" is a common first word, so alone it is a header only on a line of its own
  private static final Pattern ALONE =
      Pattern.compile("(?i)^\\s*(?:\\d+\\s*[.)]\\s*)?(" + KEYWORD_ALTERNATIVES
          + "|BODY)\\s*:?\\s*$");
  private static final Pattern ALONE_BODY =
      Pattern.compile("(?i)^\\s*(?:\\d+\\s*[.)]\\s*)?body\\s*:?\\s*$");
  // capitals only: "Quick take on ..." is a sentence, "QUICK TAKE ..." is a header
  private static final Pattern CAPITALS = Pattern.compile(
      "^\\s*(AT-A-GLANCE|QUICK TAKE|SEO TITLE|SEO DESCRIPTION|ARTICLE BODY)(?![\\p{L}\\d-])"
          + "\\s*:?\\s*(.*)$");
  private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•–·]|\\d+[.)])\\s+");

  private record Header(Section section, String rest) {}

  private ArticlePageParser() {}

  /** True when the text has an AT-A-GLANCE, QUICK TAKE or ARTICLE BODY section header. */
  static boolean looksLikeArticle(List<String> lines) {
    for (String line : lines) {
      Header h = header(line);
      // a "Body" line alone is too common in other texts to mark an article on its own
      if (h != null && h.section() != Section.SEO_TITLE && h.section() != Section.SEO_DESCRIPTION
          && !ALONE_BODY.matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }

  static ParsedDocument parse(String document, String text) throws ParseException {
    List<String> lines = Parsers.lines(text);
    int n = lines.size();
    // Parsers.parse has refused blank text, so there is a first non-blank line
    int i = Parsers.skipBlank(lines, 0);
    Header first = header(lines.get(i));
    if (first != null) {
      throw new ParseException(document, Parsers.line(i),
          "missing title: the article starts with the section " + name(first.section()));
    }
    String title = Parsers.joinSpaced(List.of(lines.get(i)));
    int titleIndex = i;

    Map<Section, List<String>> sections = new EnumMap<>(Section.class);
    Map<Section, Integer> headerLines = new EnumMap<>(Section.class);
    boolean anyHeader = false;
    for (int j = i + 1; j < n && !anyHeader; j++) {
      anyHeader = header(lines.get(j)) != null;
    }
    if (!anyHeader) {
      sections.put(Section.BODY, Parsers.slice(lines, i + 1, n));
      headerLines.put(Section.BODY, titleIndex);
    } else {
      Section current = null;
      for (int j = i + 1; j < n; j++) {
        String line = lines.get(j);
        if (current == Section.BODY) {
          sections.get(current).add(line);
          continue;
        }
        Header h = header(line);
        if (h != null) {
          if (sections.containsKey(h.section())) {
            throw new ParseException(document, Parsers.line(j), "the section " + name(h.section())
                + " appears twice (first on " + Parsers.line(headerLines.get(h.section())) + ")");
          }
          current = h.section();
          List<String> content = new ArrayList<>();
          if (!h.rest().isBlank()) {
            content.add(h.rest());
          }
          sections.put(current, content);
          headerLines.put(current, j);
        } else if (current != null) {
          sections.get(current).add(line);
        } else if (!line.isBlank()) {
          throw new ParseException(document, Parsers.line(j),
              "unexpected text between the title and the first section"
                  + " (a second title line? a missing section header?)");
        }
      }
    }

    if (!sections.containsKey(Section.BODY)) {
      throw new ParseException(document, Parsers.line(n - 1),
          "missing body: no ARTICLE BODY section (expected \"6. ARTICLE BODY\" and the text"
              + " after it)");
    }
    String body = Parsers.joinParagraphs(sections.get(Section.BODY));
    if (body == null) {
      throw new ParseException(document, Parsers.line(headerLines.get(Section.BODY)),
          "missing body: the ARTICLE BODY section is empty");
    }

    List<String> bullets = new ArrayList<>();
    for (String line : sections.getOrDefault(Section.AT_A_GLANCE, List.of())) {
      String item = Parsers.joinSpaced(List.of(BULLET.matcher(line).replaceFirst("")));
      if (item != null) {
        bullets.add(item);
      }
    }

    Entry entry = Entry.builder(Entry.Kind.ARTICLE)
        .status(Entry.Status.PUBLISHED)
        .title(title)
        .atAGlance(bullets)
        .quickTake(Parsers.joinParagraphs(sections.getOrDefault(Section.QUICK_TAKE, List.of())))
        .seoTitle(Parsers.joinSpaced(sections.getOrDefault(Section.SEO_TITLE, List.of())))
        .seoDescription(
            Parsers.joinSpaced(sections.getOrDefault(Section.SEO_DESCRIPTION, List.of())))
        .body(body)
        .source(new Source(document, "seed", null, Parsers.externalId("article", document, title)))
        .build();
    return new ParsedDocument(document, Format.ARTICLE, List.of(entry), List.of());
  }

  private static Header header(String line) {
    Matcher m = NUMBERED.matcher(line);
    if (m.matches()) {
      return new Header(section(m.group(1)), m.group(2));
    }
    m = ALONE.matcher(line);
    if (m.matches()) {
      return new Header(section(m.group(1)), "");
    }
    m = CAPITALS.matcher(line);
    if (m.matches()) {
      return new Header(section(m.group(1)), m.group(2));
    }
    return null;
  }

  private static Section section(String keyword) {
    String k = keyword.toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "");
    return switch (k) {
      case "ATAGLANCE" -> Section.AT_A_GLANCE;
      case "QUICKTAKE" -> Section.QUICK_TAKE;
      case "SEOTITLE" -> Section.SEO_TITLE;
      case "SEODESCRIPTION" -> Section.SEO_DESCRIPTION;
      case "ARTICLEBODY", "BODY" -> Section.BODY;
      default -> throw new IllegalArgumentException("not a section keyword: " + keyword);
    };
  }

  private static String name(Section s) {
    return switch (s) {
      case AT_A_GLANCE -> "AT-A-GLANCE";
      case QUICK_TAKE -> "QUICK TAKE";
      case SEO_TITLE -> "SEO TITLE";
      case SEO_DESCRIPTION -> "SEO DESCRIPTION";
      case BODY -> "ARTICLE BODY";
    };
  }
}
