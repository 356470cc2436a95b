package dev.fleetsynth.engine.tvae;

import dev.fleetsynth.engine.tvae.transform.DataTransformer;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the model's output columns are continuous (a tanh value compared by a Gaussian
 * likelihood with a learned sigma) and which form one-hot groups (compared by cross-entropy).
 */
public record OutputLayout(int width, List<Integer> continuous, List<int[]> softmaxSpans) {
    public OutputLayout {
        continuous = List.copyOf(continuous);
        softmaxSpans = List.copyOf(softmaxSpans);
        int covered = continuous.size();
        for (int[] span : softmaxSpans) {
            if (span.length != 2 || span[1] < 1 || span[0] < 0 || span[0] + span[1] > width) {
                throw new IllegalArgumentException("bad softmax span");
            }
            covered += span[1];
        }
        if (covered != width) {
            throw new IllegalArgumentException("layout covers " + covered + " of " + width + " outputs");
        }
    }

    /** The layout of a fitted transformer's output. */
    public static OutputLayout of(DataTransformer transformer) {
        Builder b = new Builder();
        for (DataTransformer.Span span : transformer.spans()) {
            if (span.activation() == DataTransformer.Activation.TANH) {
                for (int i = 0; i < span.length(); i++) {
                    b.continuous();
                }
            } else {
                b.softmax(span.length());
            }
        }
        return b.build();
    }

    /** Builder in output order: continuous values and one-hot groups as the transformer lays them out. */
    public static final class Builder {
        private int width;
        private final List<Integer> continuous = new ArrayList<>();
        private final List<int[]> spans = new ArrayList<>();

        public Builder continuous() {
            continuous.add(width++);
            return this;
        }

        public Builder softmax(int length) {
            spans.add(new int[] {width, length});
            width += length;
            return this;
        }

        public OutputLayout build() {
            return new OutputLayout(width, continuous, spans);
        }
    }
}
