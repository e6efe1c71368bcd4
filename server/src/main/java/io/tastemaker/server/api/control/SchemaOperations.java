package io.tastemaker.server.api.control;

import io.tastemaker.core.domain.Domain;
import io.tastemaker.core.domain.DomainSchemaRules;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.SchemaException;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.wire.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** CreateSchema, DescribeSchema, ListSchemas and DeleteSchema. */
public final class SchemaOperations {
  private static final ResourceKind KIND = ResourceKind.SCHEMA;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public SchemaOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateSchema", this::create);
    registry.register("DescribeSchema", standard.describe(KIND));
    registry.register("ListSchemas", standard.list(KIND, Optional.empty()));
    registry.register("DeleteSchema", this::delete);
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    String schema = input.text("schema");
    try {
      DatasetSchema parsed = AvroSchemaParser.parse(schema);
      Optional<String> domain = input.optionalText("domain");
      if (domain.isPresent()) {
        Domain d = Domain.of(domain.get()).orElseThrow(() -> ApiException.invalidInput("domain must be ECOMMERCE or VIDEO_ON_DEMAND, got " + domain.get()));
        DomainSchemaRules.check(parsed, DomainSchemaRules.typeOf(parsed), d);
      }
    } catch (SchemaException e) {
      throw ApiException.invalidInput("Invalid schema: " + e.getMessage());
    }
    ObjectNode attributes = Json.object();
    attributes.put("schema", schema);
    input.optionalText("domain").ifPresent(d -> attributes.put("domain", d));
    String arn = ctx.arns().of(KIND, name);
    Resource r = life.newResource(KIND, arn, name, Optional.empty(), Optional.empty(), attributes);
    ctx.db().write(tx -> {
      if (ctx.resources().all(tx, KIND).size() >= ctx.quotas().schemas()) {
        throw ApiException.limitExceeded("More than " + ctx.quotas().schemas() + " schemas exist; delete some first.");
      }
      life.insert(tx, r, name, Optional.empty(), Optional.empty());
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("schemaArn", arn);
    return answer;
  }

  private JsonNode delete(Input input) {
    String arn = input.text("schemaArn");
    ctx.db().write(tx -> {
      life.require(tx, KIND, arn);
      for (Resource dataset : ctx.resources().all(tx, ResourceKind.DATASET)) {
        if (dataset.text("schemaArn").orElse("").equals(arn)) {
          throw ApiException.inUse("The schema " + arn + " is used by the dataset " + dataset.arn() + "; delete the dataset first.");
        }
      }
      ctx.resources().delete(tx, arn);
      return null;
    });
    return Json.object();
  }
}
