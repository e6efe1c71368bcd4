package io.tastemaker.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobLeaseTest {
  @Test
  void the_lease_is_30_seconds_unless_the_environment_says_otherwise() {
    assertThat(JobLease.fromEnvironment(Map.of()).duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(JobLease.fromEnvironment(Map.of("TASTEMAKER_JOB_LEASE_SECONDS", " 6 ")).duration()).isEqualTo(Duration.ofSeconds(6));
    assertThat(JobLease.fromEnvironment(Map.of("TASTEMAKER_JOB_LEASE_SECONDS", "6")).heartbeat()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void a_lease_out_of_range_or_not_a_number_is_refused_naming_the_variable_and_value() {
    assertThatThrownBy(() -> JobLease.fromEnvironment(Map.of("TASTEMAKER_JOB_LEASE_SECONDS", "0")))
        .hasMessage("TASTEMAKER_JOB_LEASE_SECONDS must be a whole number of seconds in [1, 3600], got 0");
    assertThatThrownBy(() -> JobLease.fromEnvironment(Map.of("TASTEMAKER_JOB_LEASE_SECONDS", "30s")))
        .hasMessage("TASTEMAKER_JOB_LEASE_SECONDS must be a whole number of seconds in [1, 3600], got 30s");
  }

  @Test
  void replica_ids_are_drawn_fresh_and_checked() {
    assertThat(ReplicaId.random()).isNotEqualTo(ReplicaId.random());
    assertThat(ReplicaId.random().value()).matches("r-[0-9a-f]{12}");
    assertThatThrownBy(() -> new ReplicaId("a b")).hasMessage("a replica id is r- and 12 hex digits, got a b");
  }
}
