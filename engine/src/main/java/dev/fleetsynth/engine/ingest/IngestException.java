package dev.fleetsynth.engine.ingest;

import java.util.List;

/**
 * A file that cannot be brought in as it is, with every problem found: each names the column (and
 * row, where there is one) and says how to fix it. Nothing has been written when this is thrown.
 */
public final class IngestException extends Exception {
    private final transient List<Problem> problems;

    /**
     * @param field the column, option or part of the file at fault
     * @param row   the 1-based data row (not counting a header), or {@code null}
     * @param fix   what the user can do about it
     */
    public record Problem(String field, Long row, String message, String fix) {
        @Override
        public String toString() {
            return field + (row == null ? "" : " (row " + row + ")") + ": " + message + "; fix: " + fix;
        }
    }

    public IngestException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid data" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public static IngestException of(String field, Long row, String message, String fix) {
        return new IngestException(List.of(new Problem(field, row, message, fix)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
