package io.tastemaker.server.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectStoreLocationTest {
  @Test
  void a_bucket_and_prefix_parse_with_or_without_a_trailing_slash() {
    assertThat(ObjectStoreLocation.parse("s3://my-bucket/tastemaker/prod/")).isEqualTo(new ObjectStoreLocation("my-bucket", "tastemaker/prod"));
    assertThat(ObjectStoreLocation.parse("s3://my-bucket/tastemaker/prod")).isEqualTo(new ObjectStoreLocation("my-bucket", "tastemaker/prod"));
    assertThat(ObjectStoreLocation.parse("s3://my-bucket").prefix()).isEmpty();
    assertThat(ObjectStoreLocation.parse("s3://my-bucket/").prefix()).isEmpty();
  }

  @Test
  void keys_lie_under_the_prefix() {
    assertThat(ObjectStoreLocation.parse("s3://b12/p/q").objectKey("models/1.model")).isEqualTo("p/q/models/1.model");
    assertThat(ObjectStoreLocation.parse("s3://b12").objectKey("models/1.model")).isEqualTo("models/1.model");
    assertThat(ObjectStoreLocation.parse("s3://b12/p").toString()).isEqualTo("s3://b12/p");
  }

  @Test
  void other_schemes_and_bad_buckets_are_refused_naming_the_value() {
    assertThatThrownBy(() -> ObjectStoreLocation.parse("/var/lib/tastemaker"))
        .hasMessage("--object-store must be s3://bucket or s3://bucket/prefix (without it, objects stay in the data directory's objects/ folder), got /var/lib/tastemaker");
    assertThatThrownBy(() -> ObjectStoreLocation.parse("s3://My_Bucket/x")).hasMessageContaining("valid S3 bucket").hasMessageEndingWith("got My_Bucket");
    assertThatThrownBy(() -> ObjectStoreLocation.parse("s3:///x")).hasMessageEndingWith("got ");
    assertThatThrownBy(() -> ObjectStoreLocation.parse("s3://bucket//x")).hasMessageEndingWith("got /x");
  }
}
