package io.tastemaker.server.api;

import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.server.jobs.JobRunner;
import io.tastemaker.server.objects.DataLocations;
import io.tastemaker.server.objects.DiskSpace;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.ResourceStore;
import io.tastemaker.server.store.TagStore;
import java.time.Clock;

/**
 * What operation handlers and jobs share: the stores, the job runner, ARN naming, the clock, quotas,
 * bulk data and the recipes.
 *
 * @param accountId the account id shown in ARNs and event trackers
 * @param objects where imported data, models and batch files live
 * @param locations reads users' data locations (local paths, S3)
 * @param recipes the recipes this server trains
 * @param disk the data directory's free space, checked before large writes
 */
public record ApiContext(
    Database db,
    ResourceStore resources,
    TagStore tags,
    JobRunner jobs,
    Arns arns,
    String accountId,
    Clock clock,
    Quotas quotas,
    ObjectStore objects,
    DataLocations locations,
    RecipeRegistry recipes,
    DiskSpace disk) {}
