package io.tastemaker.server.api;

import io.tastemaker.server.jobs.JobRunner;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.ResourceStore;
import io.tastemaker.server.store.TagStore;
import java.time.Clock;

/**
 * What operation handlers share: the stores, the job runner, ARN naming, the clock and quotas.
 *
 * @param accountId the account id shown in ARNs and event trackers
 */
public record ApiContext(
    Database db,
    ResourceStore resources,
    TagStore tags,
    JobRunner jobs,
    Arns arns,
    String accountId,
    Clock clock,
    Quotas quotas) {}
