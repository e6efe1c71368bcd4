package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.domain.Domain;
import io.tastemaker.core.domain.UseCase;
import io.tastemaker.core.domain.UseCases;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * CreateRecommender, DescribeRecommender, ListRecommenders, UpdateRecommender, StartRecommender,
 * StopRecommender and DeleteRecommender.
 *
 * <p>A recommender is a use case of its Domain dataset group's domain; creating it queues its
 * training ({@link JobTypes#TRAIN_RECOMMENDER}), which the server repeats on its retraining
 * schedule. An update that changes what training reads ({@code trainingDataConfig},
 * {@code itemExplorationConfig}) trains again; any other update applies at once. Both show in
 * {@code latestRecommenderUpdate}, and the recommender serves its current model until the update
 * is ACTIVE. Stop and start go through their PENDING and IN_PROGRESS statuses to INACTIVE and back
 * to ACTIVE ({@link JobTypes#RECOMMENDER_LIFECYCLE}).
 */
public final class RecommenderOperations {
  private static final ResourceKind KIND = ResourceKind.RECOMMENDER;
  /** The member showing the latest update, as DescribeRecommender names it. */
  public static final String LATEST_UPDATE = "latestRecommenderUpdate";

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public RecommenderOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateRecommender", this::create);
    registry.register("DescribeRecommender", standard.describe(KIND));
    registry.register("ListRecommenders", standard.list(KIND, Optional.of("datasetGroupArn")));
    registry.register("UpdateRecommender", this::update);
    registry.register("StartRecommender", input -> lifecycle(input, Status.INACTIVE, Status.START_PENDING, "started"));
    registry.register("StopRecommender", input -> lifecycle(input, Status.ACTIVE, Status.STOP_PENDING, "stopped"));
    registry.register("DeleteRecommender", this::delete);
  }

  /** The use case a recipe ARN names, within the group's domain. */
  static UseCase useCaseOf(String recipeArn, Resource group) {
    Optional<Domain> domain = group.text("domain").flatMap(Domain::of);
    if (domain.isEmpty()) {
      throw ApiException.invalidInput(
          "Recommenders belong to Domain dataset groups; the dataset group " + group.arn()
              + " has no domain. Create one with domain ECOMMERCE or VIDEO_ON_DEMAND, or use a solution and a campaign here.");
    }
    UseCase useCase = UseCases.byArn(recipeArn).orElseThrow(() -> ApiException.invalidInput(
        "recipeArn " + recipeArn + " is not a use case of the " + domain.get() + " domain; ListRecipes with domain " + domain.get()
            + " lists them: " + UseCases.of(domain.get()).stream().map(UseCase::arn).collect(Collectors.joining(", ")) + "."));
    if (useCase.domain() != domain.get()) {
      throw ApiException.invalidInput(
          "recipeArn " + recipeArn + " is a use case of the " + useCase.domain() + " domain; the dataset group " + group.arn() + " is " + domain.get() + ".");
    }
    return useCase;
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    String groupArn = input.text("datasetGroupArn");
    String recipeArn = input.text("recipeArn");
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      Resource group = life.requireLiveParent(tx, ResourceKind.DATASET_GROUP, groupArn);
      UseCase useCase = useCaseOf(recipeArn, group);
      long recommenders = ctx.resources().all(tx, KIND).size();
      if (recommenders >= ctx.quotas().recommenders()) {
        throw ApiException.limitExceeded(
            "Cannot create the recommender " + name + ": at most " + ctx.quotas().recommenders() + " recommenders may exist, and " + recommenders
                + " do. Delete some and try again.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("datasetGroupArn", groupArn);
      attributes.put("recipeArn", useCase.arn());
      attributes.set("recommenderConfig", RecommenderConfigs.checked(ctx, tx, input.object("recommenderConfig"), useCase, groupArn));
      Resource r = life.newResource(KIND, arn, name, Optional.of(groupArn), Optional.of(groupArn), attributes);
      life.insert(tx, r, name, input.raw("tags"), Optional.of(JobTypes.TRAIN_RECOMMENDER));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("recommenderArn", arn);
    return answer;
  }

  private JsonNode update(Input input) {
    String arn = input.text("recommenderArn");
    ctx.db().write(tx -> {
      Resource recommender = life.require(tx, KIND, arn);
      if (!recommender.hasStatus(Status.ACTIVE)) {
        throw ApiException.inUse("The recommender " + arn + " is " + recommender.statusOrEmpty() + "; it can be updated when ACTIVE.");
      }
      ObjectNode attributes = recommender.attributes();
      String previous = attributes.path(LATEST_UPDATE).path("status").asText();
      if (Status.UNFINISHED.contains(previous)) {
        throw ApiException.inUse("The recommender " + arn + " has an update that is " + previous + "; wait for it to finish.");
      }
      String groupArn = recommender.datasetGroupArn().orElseThrow();
      Resource group = life.require(tx, ResourceKind.DATASET_GROUP, groupArn);
      UseCase useCase = useCaseOf(recommender.text("recipeArn").orElseThrow(), group);
      ObjectNode config = RecommenderConfigs.checked(ctx, tx, input.object("recommenderConfig"), useCase, groupArn);
      JsonNode current = attributes.path("recommenderConfig");
      boolean retrain = !Objects.equals(config.get("trainingDataConfig"), current.get("trainingDataConfig"))
          || !Objects.equals(config.get("itemExplorationConfig"), current.get("itemExplorationConfig"));
      ObjectNode update = attributes.putObject(LATEST_UPDATE);
      update.set("recommenderConfig", config);
      update.put("status", Status.CREATE_PENDING);
      update.put("creationDateTime", Json.epochSeconds(ctx.clock().instant()));
      update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
      ctx.resources().update(tx, recommender.withAttributes(attributes, ctx.clock().instant()));
      ctx.jobs().enqueue(tx, retrain ? JobTypes.TRAIN_RECOMMENDER : JobTypes.RECOMMENDER_LIFECYCLE, arn);
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("recommenderArn", arn);
    return answer;
  }

  /** StopRecommender and StartRecommender: from {@code from} to {@code pending}, then the lifecycle job. */
  private JsonNode lifecycle(Input input, String from, String pending, String verb) {
    String arn = input.text("recommenderArn");
    ctx.db().write(tx -> {
      Resource recommender = life.require(tx, KIND, arn);
      if (!recommender.hasStatus(from)) {
        throw ApiException.inUse("The recommender " + arn + " is " + recommender.statusOrEmpty() + "; only an " + from + " recommender can be " + verb + ".");
      }
      requireNoUpdate(tx, recommender);
      ctx.resources().update(tx, recommender.withStatus(pending, Optional.empty(), ctx.clock().instant()));
      ctx.jobs().enqueue(tx, JobTypes.RECOMMENDER_LIFECYCLE, arn);
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("recommenderArn", arn);
    return answer;
  }

  private static void requireNoUpdate(Transaction tx, Resource recommender) throws SQLException {
    String update = recommender.attributes().path(LATEST_UPDATE).path("status").asText();
    if (Status.UNFINISHED.contains(update)) {
      throw ApiException.inUse("The recommender " + recommender.arn() + " has an update that is " + update + "; wait for it to finish.");
    }
  }

  private JsonNode delete(Input input) {
    String arn = input.text("recommenderArn");
    ctx.db().write(tx -> {
      life.requestDeletion(tx, life.require(tx, KIND, arn));
      return null;
    });
    return Json.object();
  }
}
