package dev.fleetsynth.engine.profile;

import java.util.List;

/** The outcome of reading a profile file: a valid profile, or every problem found in it. */
public sealed interface ProfileRead {
    record Valid(MachineProfile profile, ProfileFormat format) implements ProfileRead {}

    record Invalid(List<Problem> problems) implements ProfileRead {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
