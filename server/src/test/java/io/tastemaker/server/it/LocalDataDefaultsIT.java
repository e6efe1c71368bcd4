package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;

/**
 * The {@code tastemaker} command's defaults for local data: with access keys and no {@code
 * --local-data} no local folder is allowed, and the quickstart still imports its own sample files.
 * Through the packaged jar, as a user runs it.
 */
class LocalDataDefaultsIT {
  @TempDir Path dir;

  private Path credentials() throws Exception {
    // The keys ServerProcess's clients sign with.
    return Files.writeString(dir.resolve("credentials"), "AKIDTEST secret\n");
  }

  private static void importRefused(PersonalizeClient p, String dataset, String location, String why) {
    assertThatThrownBy(
            () -> p.createDatasetImportJob(r -> r.jobName(Workflow.unique("import")).datasetArn(dataset).dataSource(s -> s.dataLocation(location))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("dataSource.dataLocation " + location + " " + why);
  }

  @Test
  void with_access_keys_and_no_local_data_folder_only_s3_is_allowed() throws Exception {
    Path csv = GenreShop.generate().writeInteractions(dir.resolve("interactions.csv"));
    try (ServerProcess server = ServerProcess.run("serve", dir.resolve("data"), List.of("--credentials", credentials().toString()));
        PersonalizeClient p = server.personalize()) {
      assertThat(server.output()).contains("Local data locations: none (s3:// only; --local-data DIR allows a folder)");
      String group = Workflow.activeGroup(p, "no-local");
      String dataset = Workflow.activeDataset(p, group, "Interactions", io.tastemaker.server.testing.Schemas.INTERACTIONS);
      importRefused(p, dataset, csv.toUri().toString(),
          "is a local path, and this server allows no local folders (its operator can name some with --local-data); use s3://bucket/key.");
    }
  }

  @Test
  void the_quickstart_reads_its_own_sample_with_access_keys_and_nothing_else() throws Exception {
    Path data = dir.resolve("quickstart");
    Path sample = data.resolve("sample-shop").toAbsolutePath();
    try (ServerProcess quickstart = ServerProcess.run("quickstart", data, List.of("--credentials", credentials().toString()));
        PersonalizeClient p = quickstart.personalize()) {
      assertThat(quickstart.output()).contains("Local data locations (file:// and absolute paths) in: " + sample);
      // Training starts once the three sample files are imported; the test need not wait for it to end.
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!quickstart.output().contains("Training sample-shop-popular") && !quickstart.output().contains("CREATE FAILED")) {
        assertThat(System.nanoTime()).as("the quickstart's imports took too long:%n%s", quickstart.output()).isLessThan(deadline);
        Thread.sleep(200);
      }
      assertThat(quickstart.output()).doesNotContain("CREATE FAILED").contains("Importing interactions.csv", "Importing items.csv", "Importing users.csv");
      String dataset = "arn:aws:personalize:us-east-1:000000000000:dataset/sample-shop/INTERACTIONS";
      Path outside = GenreShop.generate().writeInteractions(dir.resolve("outside.csv"));
      importRefused(p, dataset, outside.toUri().toString(), "is outside the folders this server allows with --local-data (" + sample + ")");
      importRefused(p, dataset, data.resolve("tastemaker.db").toAbsolutePath().toString(), "is outside the folders");
    }
  }
}
