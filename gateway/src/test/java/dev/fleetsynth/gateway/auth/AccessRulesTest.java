package dev.fleetsynth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
    @Test
    void theTableOfWhoMayCallWhat() {
        assertThat(AccessRules.required("GET", "/")).isEmpty();
        assertThat(AccessRules.required("GET", "/assets/index-abc.js")).isEmpty();
        assertThat(AccessRules.required("POST", "/api/gan/auth/token")).isEmpty();
        assertThat(AccessRules.required("GET", "/q/health/ready")).isEmpty();
        assertThat(AccessRules.required("GET", "/q/metrics")).contains(Role.VIEWER);
        assertThat(AccessRules.required("GET", "/api/gan/machines")).contains(Role.VIEWER);
        assertThat(AccessRules.required("GET", "/ws/events")).contains(Role.VIEWER);
        assertThat(AccessRules.required("POST", "/api/gan/machines")).contains(Role.OPERATOR);
        assertThat(AccessRules.required("PUT", "/api/gan/uploads/x/chunks/0")).contains(Role.OPERATOR);
        assertThat(AccessRules.required("POST", "/api/gan/tasks/x/cancel")).contains(Role.OPERATOR);
        assertThat(AccessRules.required("DELETE", "/api/gan/machines/pump_a")).contains(Role.ADMIN);
        assertThat(AccessRules.required("GET", "/api/gan/users")).contains(Role.ADMIN);
        assertThat(AccessRules.required("GET", "/api/gan/audit")).contains(Role.ADMIN);
        assertThat(AccessRules.required("POST", "/api/gan/keys")).contains(Role.VIEWER);
        // anything new under /api is closed until listed
        assertThat(AccessRules.required("PATCH", "/api/gan/something-new")).isEqualTo(Optional.of(Role.OPERATOR));
    }

    @Test
    void eachRoleHoldsTheOnesBelow() {
        assertThat(Role.ADMIN.granted()).containsExactlyInAnyOrder("viewer", "operator", "admin");
        assertThat(Role.OPERATOR.granted()).containsExactlyInAnyOrder("viewer", "operator");
        assertThat(Role.VIEWER.granted()).containsExactly("viewer");
        assertThat(Role.parse(" Operator ")).contains(Role.OPERATOR);
        assertThat(Role.parse("root")).isEmpty();
    }
}
