package io.tastemaker.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.userpersonalization.ExplorationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The description the server hands the Spark application reads back as written, S3 settings, kind and exploration included. */
class BatchJobDescriptionTest {
  @TempDir Path dir;

  @Test
  void a_description_reads_back_as_written() throws IOException {
    BatchJobDescription written = new BatchJobDescription("arn:job", BatchJobDescription.Kind.SEGMENT, "s3://bucket/store/models/v.model", 12,
        Optional.of(new ExplorationSettings(0.7, 12.5)),
        List.of(new BatchJobDescription.FileJob("s3://bucket/in/a.json", "s3://bucket/out/", "a.json.out"),
            new BatchJobDescription.FileJob("/data/in/b.json", "/data/out", "b.json.out")),
        new BatchJobDescription.S3(Optional.of("http://127.0.0.1:9000"), "eu-west-1"), dir.resolve("failure.txt"));
    written.write(dir.resolve("job.json"));
    assertThat(BatchJobDescription.read(dir.resolve("job.json"))).isEqualTo(written);

    BatchJobDescription aws = new BatchJobDescription("arn:job", BatchJobDescription.Kind.INFERENCE, "/m.model", 3, Optional.empty(),
        List.of(new BatchJobDescription.FileJob("/in.json", "/out", "in.json.out")), BatchJobDescription.S3.AWS_DEFAULT, dir.resolve("f.txt"));
    aws.write(dir.resolve("aws.json"));
    assertThat(BatchJobDescription.read(dir.resolve("aws.json"))).isEqualTo(aws);

    BatchJobDescription actions = new BatchJobDescription("arn:job", BatchJobDescription.Kind.INFERENCE, "/nba.model", 5, Optional.empty(),
        Optional.of("s3://bucket/store/batch-snapshots/job/filter.json.gz"), Optional.empty(), Optional.empty(),
        Optional.of("s3://bucket/store/batch-snapshots/job/actions.json.gz"), aws.files(), aws.s3(), aws.failureFile());
    actions.write(dir.resolve("actions.json"));
    assertThat(BatchJobDescription.read(dir.resolve("actions.json"))).isEqualTo(actions);
  }

  @Test
  void a_description_without_a_member_names_it() throws IOException {
    Files.writeString(dir.resolve("old.json"), "{\"jobArn\": \"arn:job\", \"model\": \"/m\", \"numResults\": 5, \"failureFile\": \"/f\", \"files\": []}");
    assertThatThrownBy(() -> BatchJobDescription.read(dir.resolve("old.json"))).hasMessage("the batch job description has no s3");
  }
}
