package io.tastemaker.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/**
 * The domain shops of {@code src/test/python/domain_data.py} (an ECOMMERCE shop, a VIDEO_ON_DEMAND
 * catalogue), written by that one generator for every client, and a Domain dataset group with them
 * imported, made as the getting-started guide makes it.
 */
public final class DomainShops {
  private DomainShops() {}

  /** Writes the domain's CSV files and schemas into {@code folder}. */
  public static Path write(String domain, Path folder) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("python3", "src/test/python/domain_data.py", domain, folder.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return folder;
  }

  /** A new Domain dataset group of the domain with the shop's Interactions, Items and Users imported; returns its ARN. */
  public static String importedGroup(PersonalizeClient p, String domain, Path folder) throws IOException, InterruptedException {
    write(domain, folder);
    return importWritten(p, domain, folder);
  }

  /** A new Domain dataset group of the domain with the files already in the folder imported (written, then edited); returns its ARN. */
  public static String importWritten(PersonalizeClient p, String domain, Path folder) throws IOException {
    String group = p.createDatasetGroup(r -> r.name(Workflow.unique(domain.toLowerCase(java.util.Locale.ROOT))).domain(domain)).datasetGroupArn();
    assertThat(Await.finalStatus(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    for (String type : List.of("Interactions", "Items", "Users")) {
      String schemaText = Files.readString(folder.resolve(type.toLowerCase(java.util.Locale.ROOT) + ".avsc"));
      String schema = p.createSchema(r -> r.name(Workflow.unique("schema")).domain(domain).schema(schemaText)).schemaArn();
      String dataset = p.createDataset(r -> r.name(Workflow.unique(type.toLowerCase(java.util.Locale.ROOT))).datasetGroupArn(group).datasetType(type).schemaArn(schema))
          .datasetArn();
      Workflow.importCsv(p, dataset, folder.resolve(type.toLowerCase(java.util.Locale.ROOT) + ".csv"));
    }
    return group;
  }

  /** A recommender of the use case in the group, checked ACTIVE; returns its ARN. */
  public static String activeRecommender(PersonalizeClient p, String group, String useCase) {
    String arn = p.createRecommender(r -> r.name(Workflow.unique(useCase.replace("aws-", ""))).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/" + useCase))
        .recommenderArn();
    String status = Await.finalStatus(() -> p.describeRecommender(r -> r.recommenderArn(arn)).recommender().status(), Workflow.TRAINING);
    assertThat(status).as("%s: %s", useCase, p.describeRecommender(r -> r.recommenderArn(arn)).recommender().failureReason()).isEqualTo("ACTIVE");
    return arn;
  }
}
