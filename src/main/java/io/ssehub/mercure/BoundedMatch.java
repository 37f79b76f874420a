package io.ssehub.mercure;

import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Runs compiled selectors' regular expressions with a cost limit, as the Mercure spec asks of URL patterns: a
 * backtracking engine can take exponential time on a hostile pattern, so the text is read through a view that counts
 * reads against a {@link Budget}, and a match that runs out counts as no match. The budget is shared by everything
 * one evaluation does: all the selectors of a subscription tested against one topic ({@value #PER_EVALUATION} reads,
 * for a live event), or a whole replay's scan of the retained topics ({@value #PER_SCAN}); so a subscription of many
 * hostile selectors costs no more than one. Honest patterns read each character of a topic a few times.
 */
final class BoundedMatch {

  /** Reads one evaluation of a subscription's selectors against one topic may take. */
  static final long PER_EVALUATION = 100_000;
  /** Reads one replay's scan of the retained topics may take, over all of them. */
  static final long PER_SCAN = 10_000_000;

  private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();

  private BoundedMatch() {
  }

  /** Reads left to an evaluation or a scan; not thread-safe (an evaluation runs on one thread). */
  static final class Budget {
    private long left;
    private boolean exhausted;

    Budget(long reads) {
      this.left = reads;
    }

    /** Whether a match gave up for want of reads. */
    boolean exhausted() {
      return exhausted;
    }
  }

  /**
   * Runs {@code evaluation} within {@code budget}, unless an evaluation is already running on this thread within a
   * budget of its own (a scan's), which it then shares.
   */
  static boolean within(Budget budget, BooleanSupplier evaluation) {
    if (CURRENT.get() != null) {
      return evaluation.getAsBoolean();
    }
    CURRENT.set(budget);
    try {
      return evaluation.getAsBoolean();
    } finally {
      CURRENT.remove();
    }
  }

  /** Whether {@code pattern} matches all of {@code text}, within the current budget ({@value #PER_EVALUATION} else). */
  static boolean matches(Pattern pattern, String text) {
    Budget budget = CURRENT.get();
    if (budget == null) {
      budget = new Budget(PER_EVALUATION);
    }
    if (budget.left <= 0) {
      budget.exhausted = true;
      return false;
    }
    try {
      return pattern.matcher(new Budgeted(text, budget, 0, text.length())).matches();
    } catch (CostExceeded | StackOverflowError e) {
      // A deep backtracking recursion is a cost too: the match gives up rather than the thread.
      budget.exhausted = true;
      return false;
    }
  }

  private static final class CostExceeded extends RuntimeException {
    CostExceeded() {
      super(null, null, false, false);
    }
  }

  /** The text, each read counted against the budget. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final Budget budget;
    private final int start;
    private final int end;

    Budgeted(String text, Budget budget, int start, int end) {
      this.text = text;
      this.budget = budget;
      this.start = start;
      this.end = end;
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      if (--budget.left < 0) {
        throw new CostExceeded();
      }
      return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new Budgeted(text, budget, start + from, start + to);
    }

    @Override
    public String toString() {
      return text.substring(start, end);
    }
  }
}
