package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Dataset;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;

/** UpdateDataset with Personalize's compatibility rules, and latestDatasetUpdate, through the AWS SDK for Java v2 and boto3 (the Debian CLI 2.9.19 has no update-dataset). */
class SchemaUpdateSdkIT {
  private static final String ITEMS_WITH_PRICE =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"CREATION_TIMESTAMP","type":"long"},
        {"name":"PRICE","type":["null","float"]}],"version":"1.0"}""";

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String group;
  private static String items;
  private static String interactions;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(dir.resolve("data"));
    personalize = server.personalize();
    group = Workflow.activeGroup(personalize, "schema-update");
    items = Workflow.importInto(personalize, group, "Items", Schemas.ITEMS, GenreShop.writeItems(dir.resolve("items.csv")));
    interactions = Workflow.activeDataset(personalize, group, "Interactions", Schemas.INTERACTIONS);
  }

  @AfterAll
  static void stop() throws Exception {
    personalize.close();
    server.close();
  }

  private static String schema(String text) {
    return personalize.createSchema(r -> r.name(Workflow.unique("schema")).schema(text)).schemaArn();
  }

  @Test
  void a_schema_with_a_new_nullable_field_replaces_the_old_one_and_the_data_reads_it() throws Exception {
    String original = personalize.describeDataset(r -> r.datasetArn(items)).dataset().schemaArn();
    String wider = schema(ITEMS_WITH_PRICE);
    assertThat(personalize.updateDataset(r -> r.datasetArn(items).schemaArn(wider)).datasetArn()).isEqualTo(items);
    Await.condition(() -> "ACTIVE".equals(personalize.describeDataset(r -> r.datasetArn(items)).dataset().latestDatasetUpdate().status()), Workflow.WAIT, "the update is ACTIVE");
    Dataset updated = personalize.describeDataset(r -> r.datasetArn(items)).dataset();
    assertThat(updated.schemaArn()).isEqualTo(wider).isNotEqualTo(original);
    assertThat(updated.latestDatasetUpdate().schemaArn()).isEqualTo(wider);
    assertThat(updated.latestDatasetUpdate().creationDateTime()).isNotNull();
    assertThat(updated.status()).isEqualTo("ACTIVE");

    Path priced = Files.writeString(dir.resolve("priced.csv"), "ITEM_ID,GENRES,CREATION_TIMESTAMP,PRICE\nnew-item-1,Drama,1700000000,9.5\n");
    String job = personalize.createDatasetImportJob(r -> r.jobName(Workflow.unique("priced")).datasetArn(items).importMode("INCREMENTAL").dataSource(s -> s.dataLocation(priced.toString())))
        .datasetImportJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), Workflow.WAIT)).isEqualTo("ACTIVE");

    Path out = server.localData().resolve("priced-export");
    String export = personalize.createDatasetExportJob(r -> r.jobName("priced-export").datasetArn(items).ingestionMode("BULK").roleArn("arn:aws:iam::000000000000:role/p")
            .jobOutput(o -> o.s3DataDestination(d -> d.path(out.toString()))))
        .datasetExportJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(export)).datasetExportJob().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    List<String> lines = Files.readAllLines(out.resolve("priced-export").resolve("part-00000.csv"));
    assertThat(lines.get(0)).isEqualTo("ITEM_ID,GENRES,CREATION_TIMESTAMP,PRICE");
    assertThat(lines).contains("new-item-1,Drama,1700000000,9.5", GenreShop.movieId(0) + "," + GenreShop.genreOf(GenreShop.movieId(0)) + "," + (GenreShop.BASE - 200 * GenreShop.DAY) + ",");
  }

  @Test
  void an_incompatible_schema_is_refused_naming_the_field_and_the_rule() {
    String dropsGenres = schema("""
        {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
          {"name":"ITEM_ID","type":"string"},{"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}""");
    assertThatThrownBy(() -> personalize.updateDataset(r -> r.datasetArn(items).schemaArn(dropsGenres)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("schemaArn " + dropsGenres + " cannot replace the schema of " + items)
        .hasMessageContaining("the field GENRES is missing");
    String requiredNew = schema(ITEMS_WITH_PRICE.replace("[\"null\",\"float\"]", "\"float\"").replace("PRICE", "WEIGHT"));
    assertThatThrownBy(() -> personalize.updateDataset(r -> r.datasetArn(items).schemaArn(requiredNew)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the new field WEIGHT must accept null");
    String retyped = schema(Schemas.ITEMS.replace("\"CREATION_TIMESTAMP\",\"type\":\"long\"", "\"CREATION_TIMESTAMP\",\"type\":\"int\""));
    assertThatThrownBy(() -> personalize.updateDataset(r -> r.datasetArn(items).schemaArn(retyped)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the field CREATION_TIMESTAMP is int but must stay long");
    String interactionsSchema = schema(Schemas.INTERACTIONS);
    assertThatThrownBy(() -> personalize.updateDataset(r -> r.datasetArn(interactions).schemaArn(interactionsSchema)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("The schema of an Interactions dataset cannot be replaced");
  }

  @Test
  void boto3_updates_a_schema_too() throws Exception {
    String users = Workflow.activeDataset(personalize, group, "Users", Schemas.USERS);
    String output = DatasetExportSdkIT.run(List.of("python3", Path.of("src/test/python/boto3_lifecycle.py").toString(), server.endpoint().toString(), "update", users));
    assertThat(output).contains("boto3 update: ok");
  }
}
