package io.tastemaker.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;

/**
 * The steps integration tests repeat through the AWS SDK for Java v2, each waiting until its resource
 * is ACTIVE: a dataset group, a dataset with an import, a trained solution version, a campaign.
 */
public final class Workflow {
  public static final Duration WAIT = Duration.ofSeconds(60);
  public static final Duration TRAINING = Duration.ofMinutes(5);
  /** Small aws-hrnn family hyperparameters that train the genre shop in about a second. */
  public static final Map<String, String> QUICK_HRNN = Map.of("hidden_dimension", "32", "epochs", "8", "batch_size", "32", "bptt", "8", "threads", "2");

  private Workflow() {}

  /** A name no other test uses. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static String activeGroup(PersonalizeClient p, String name) {
    String group = p.createDatasetGroup(r -> r.name(unique(name))).datasetGroupArn();
    Await.finalStatus(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), WAIT);
    return group;
  }

  /** A dataset of a type ("Interactions", "Items", "Users") with a new schema. */
  public static String activeDataset(PersonalizeClient p, String group, String type, String schemaText) {
    String schema = p.createSchema(r -> r.name(unique("schema")).schema(schemaText)).schemaArn();
    String dataset = p.createDataset(r -> r.name(unique(type.toLowerCase(Locale.ROOT))).datasetGroupArn(group).datasetType(type).schemaArn(schema)).datasetArn();
    Await.finalStatus(() -> p.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), WAIT);
    return dataset;
  }

  /** Imports a CSV into a dataset and checks the import ended ACTIVE. */
  public static void importCsv(PersonalizeClient p, String dataset, Path file) {
    String job = p.createDatasetImportJob(r -> r.jobName(unique("import")).datasetArn(dataset).dataSource(s -> s.dataLocation(file.toUri().toString())))
        .datasetImportJobArn();
    assertThat(Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), WAIT)).isEqualTo("ACTIVE");
  }

  /** A new dataset with the CSV imported; returns the dataset. */
  public static String importInto(PersonalizeClient p, String group, String type, String schemaText, Path file) {
    String dataset = activeDataset(p, group, type, schemaText);
    importCsv(p, dataset, file);
    return dataset;
  }

  /** The genre shop's ({@link GenreShop}) Interactions and Items, written as CSV under {@code dir} and imported into the group. */
  public static void importGenreShop(PersonalizeClient p, String group, Path dir) throws java.io.IOException {
    importInto(p, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(dir.resolve("interactions.csv")));
    importInto(p, group, "Items", Schemas.ITEMS, GenreShop.writeItems(dir.resolve("items.csv")));
  }

  /** A solution of the recipe with these hyperparameters, and its first version, checked ACTIVE. */
  public static String trainedVersion(PersonalizeClient p, String group, String recipe, Map<String, String> hyperparameters) {
    String solution =
        p.createSolution(r -> r.name(unique("sol")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/" + recipe)
                .solutionConfig(c -> c.algorithmHyperParameters(hyperparameters)))
            .solutionArn();
    return trainedVersion(p, solution).solutionVersionArn();
  }

  /** The first version of a solution, once the solution is ACTIVE, trained and checked ACTIVE. */
  public static SolutionVersion trainedVersion(PersonalizeClient p, String solution) {
    Await.finalStatus(() -> p.describeSolution(r -> r.solutionArn(solution)).solution().status(), WAIT);
    String version = p.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), TRAINING);
    SolutionVersion trained = p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
    assertThat(trained.status()).as("%s: %s", solution, trained.failureReason()).isEqualTo("ACTIVE");
    return trained;
  }

  /** A campaign of the version, checked ACTIVE. */
  public static String activeCampaign(PersonalizeClient p, String version) {
    String campaign = p.createCampaign(r -> r.name(unique("camp")).solutionVersionArn(version)).campaignArn();
    assertThat(Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(campaign)).campaign().status(), WAIT)).isEqualTo("ACTIVE");
    return campaign;
  }

  /** The group's event tracker, created and ACTIVE; returns its tracking id. */
  public static String trackingId(PersonalizeClient p, String group) {
    String tracker = p.createEventTracker(r -> r.name(unique("tracker")).datasetGroupArn(group)).eventTrackerArn();
    Await.finalStatus(() -> p.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().status(), WAIT);
    return p.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().trackingId();
  }

  /** A trained version of the recipe, deployed; returns the campaign. */
  public static String deployed(PersonalizeClient p, String group, String recipe, Map<String, String> hyperparameters) {
    return activeCampaign(p, trainedVersion(p, group, recipe, hyperparameters));
  }
}
