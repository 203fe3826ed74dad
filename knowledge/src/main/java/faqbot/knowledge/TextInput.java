package faqbot.knowledge;

import java.io.IOException;
import java.io.InputStream;
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
   * Lines as {@link String#lines()} splits them (\n, \r\n or \r), each decoded as strict UTF-8
   * on its own: line ends are single bytes in UTF-8, so bytes can be split before decoding, and a
   * bad byte is then reported at its own line rather than wherever a read-ahead decoder was.
   */
  static final class Lines {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int end;
    private boolean eof;
    private int number;
    private byte[] line = new byte[1024];
    private int length;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);

    Lines(InputStream in) {
      this.in = in;
    }

    /** The number of the line last returned, or of the line that failed (1-based). */
    int number() {
      return number;
    }

    /**
     * The next line without its terminator, or null at the end.
     *
     * @throws LineTooLong when a line exceeds {@link #MAX_TEXT} bytes
     * @throws java.nio.charset.CharacterCodingException when it is not UTF-8; {@link #number()}
     *     is that line's
     */
    String next() throws IOException {
      length = 0;
      boolean any = false;
      while (true) {
        if (pos == end && (eof || !fill())) {
          if (!any) {
            return null;
          }
          return decode();
        }
        any = true;
        int start = pos;
        while (pos < end && buffer[pos] != '\n' && buffer[pos] != '\r') {
          pos++;
        }
        append(start, pos);
        if (pos < end) {
          byte terminator = buffer[pos++];
          // \r\n is one terminator, even when the buffer ends between the two
          if (terminator == '\r' && (pos < end || fill()) && buffer[pos] == '\n') {
            pos++;
          }
          return decode();
        }
      }
    }

    private String decode() throws IOException {
      number++;
      int from = number == 1 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB
          && line[2] == (byte) 0xBF ? 3 : 0;
      return decoder.reset().decode(java.nio.ByteBuffer.wrap(line, from, length - from)).toString();
    }

    private void append(int from, int to) throws LineTooLong {
      int n = to - from;
      if (length + n > MAX_TEXT) {
        throw new LineTooLong(number + 1);
      }
      if (length + n > line.length) {
        line = java.util.Arrays.copyOf(line, Math.min(MAX_TEXT, Math.max(length + n, line.length * 2)));
      }
      System.arraycopy(buffer, from, line, length, n);
      length += n;
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
