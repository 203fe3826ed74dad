package faqbot.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Streamed reading of imported text: strict UTF-8, and lines whose length is bounded. */
final class TextInput {
  /**
   * The longest line (JSONL record) or element text (MedQuAD answer) read, in characters. No
   * real entry comes near it; a file that does is broken, and reading on would only exhaust the
   * heap instead of naming the place.
   */
  static final int MAX_TEXT = 8 << 20;

  private TextInput() {}

  /**
   * A reader of UTF-8 text that fails on malformed bytes (a file in another encoding must not be
   * stored garbled) and leaves out a byte order mark.
   */
  static Reader utf8(InputStream in) throws IOException {
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    PushbackReader r = new PushbackReader(new InputStreamReader(in, strict), 1);
    int first = r.read();
    if (first >= 0 && first != '\uFEFF') {
      r.unread(first);
    }
    return r;
  }

  /** Lines as {@link String#lines()} splits them (\n, \r\n or \r), read in bounded chunks. */
  static final class Lines {
    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int pos;
    private int end;
    private boolean eof;
    private int number;
    private final StringBuilder line = new StringBuilder();

    Lines(Reader in) {
      this.in = in;
    }

    /** The number of the line last returned (1-based). */
    int number() {
      return number;
    }

    /**
     * The next line without its terminator, or null at the end.
     *
     * @throws LineTooLong when a line exceeds {@link #MAX_TEXT} characters
     */
    String next() throws IOException {
      line.setLength(0);
      boolean any = false;
      while (true) {
        if (pos == end) {
          if (eof || !fill()) {
            if (!any) {
              return null;
            }
            number++;
            return line.toString();
          }
        }
        any = true;
        int start = pos;
        while (pos < end && buffer[pos] != '\n' && buffer[pos] != '\r') {
          pos++;
        }
        append(start, pos);
        if (pos < end) {
          char terminator = buffer[pos++];
          if (terminator == '\r') {
            // \r\n is one terminator, even when the buffer ends between the two
            if (pos == end) {
              fill();
            }
            if (pos < end && buffer[pos] == '\n') {
              pos++;
            }
          }
          number++;
          return line.toString();
        }
      }
    }

    private void append(int from, int to) throws LineTooLong {
      if (line.length() + (to - from) > MAX_TEXT) {
        throw new LineTooLong(number + 1);
      }
      line.append(buffer, from, to - from);
    }

    private boolean fill() throws IOException {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        eof = true;
        pos = end = 0;
        return false;
      }
      pos = 0;
      end = n;
      return true;
    }
  }

  /** A line longer than {@link #MAX_TEXT}. */
  static final class LineTooLong extends IOException {
    private static final long serialVersionUID = 1L;
    final int line;

    LineTooLong(int line) {
      super("line " + line + " is longer than " + (MAX_TEXT >> 20) + " M characters");
      this.line = line;
    }
  }
}
