package io.ssehub.mercure;

import java.util.regex.Pattern;

/**
 * Runs a compiled selector's regular expression with a cost limit, as the Mercure spec asks of URL patterns: a
 * backtracking engine can take exponential time on a hostile pattern, so the text is read through a view that counts
 * reads and gives up past {@value #MAX_READS}; a match that gives up counts as no match. Selectors are short (at most
 * {@code mercure.maxSelectorLength}) and topics at most 1024 characters, so honest patterns stay far below the limit.
 */
final class BoundedMatch {

  static final int MAX_READS = 200_000;

  private BoundedMatch() {
  }

  static boolean matches(Pattern pattern, String text) {
    try {
      return pattern.matcher(new Budgeted(text)).matches();
    } catch (CostExceeded e) {
      return false;
    }
  }

  private static final class CostExceeded extends RuntimeException {
    CostExceeded() {
      super(null, null, false, false);
    }
  }

  /** The text, read at most {@link #MAX_READS} times over. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final int[] reads;
    private final int start;
    private final int end;

    Budgeted(String text) {
      this(text, new int[1], 0, text.length());
    }

    private Budgeted(String text, int[] reads, int start, int end) {
      this.text = text;
      this.reads = reads;
      this.start = start;
      this.end = end;
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      if (++reads[0] > MAX_READS) {
        throw new CostExceeded();
      }
      return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new Budgeted(text, reads, start + from, start + to);
    }

    @Override
    public String toString() {
      return text.substring(start, end);
    }
  }
}
