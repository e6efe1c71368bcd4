package io.tastemaker.server.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetContentsTest {
  @Test
  void a_segment_key_names_the_import_job_that_wrote_it() {
    assertThat(DatasetContents.importJobName("datasets/shop/INTERACTIONS/import-a1b2c3-a2-00017.seg")).contains("import-a1b2c3");
    assertThat(DatasetContents.importJobName("datasets/shop/ITEMS/first-a1-00000.seg")).contains("first");
    assertThat(DatasetContents.importJobName("models/s/1.model")).isEqualTo(Optional.empty());
  }
}
