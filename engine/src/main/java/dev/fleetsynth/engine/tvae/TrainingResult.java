package dev.fleetsynth.engine.tvae;

/**
 * What a training produced.
 *
 * @param parameters the network's flat parameter buffer (see {@link TvaeNet})
 * @param lossCurve  mean loss of every epoch run
 * @param stepTimes  mean milliseconds per step spent in forward, loss and backward (the shards the
 *                   calling thread computed) and optimiser (the rest: waiting for the helper, Adam)
 */
public record TrainingResult(
        float[] parameters, double[] lossCurve, Outcome outcome, double seconds, StepTimes stepTimes) {

    public enum Outcome {
        COMPLETED,
        STOPPED_EARLY,
        CANCELLED
    }

    public record StepTimes(double forwardMs, double lossMs, double backwardMs, double optimiserMs, long steps) {
        public double totalMs() {
            return forwardMs + lossMs + backwardMs + optimiserMs;
        }
    }

    public int epochsRun() {
        return lossCurve.length;
    }

    public double finalLoss() {
        return lossCurve.length == 0 ? Double.NaN : lossCurve[lossCurve.length - 1];
    }
}
