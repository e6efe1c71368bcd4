package io.tastemaker.server.serving;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.util.Optional;

/**
 * The documented state of a model file that cannot be loaded: the solution version and the campaigns
 * serving it stay ACTIVE and say what is wrong, and how to cure it, in their {@code failureReason};
 * a good load clears what this wrote.
 */
public final class ModelFaults {
  private static final String VERSION_PREFIX = "The model of this solution version cannot be loaded: ";
  private static final String CAMPAIGN_PREFIX = "The campaign cannot serve: ";

  private final ApiContext ctx;

  public ModelFaults(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** What a solution version says about its damaged model. */
  public static String versionReason(DamagedObjectException damage) {
    return VERSION_PREFIX + damage.getMessage()
        + ". Train a new solution version (CreateSolutionVersion) and deploy it; campaigns, batch inference jobs and trainingMode UPDATE"
        + " cannot use this version until its file is restored.";
  }

  /** What a campaign, and every request to it, says about the damaged model it should serve. */
  public static String campaignReason(String campaignArn, String solutionVersionArn, DamagedObjectException damage) {
    return CAMPAIGN_PREFIX + "the model of its solution version " + solutionVersionArn + " cannot be loaded: " + damage.getMessage()
        + ". Update the campaign " + campaignArn + " (UpdateCampaign) to a solution version whose model is good, or train a new one"
        + " (CreateSolutionVersion) and update the campaign to it.";
  }

  /** Records the damage in the version's failureReason; it stays ACTIVE. */
  public void versionDamaged(String solutionVersionArn, DamagedObjectException damage) {
    String reason = versionReason(damage);
    ctx.db().write(tx -> {
      Optional<Resource> version = ctx.resources().find(tx, solutionVersionArn);
      if (version.isPresent() && version.get().hasStatus(Status.ACTIVE) && !version.get().failureReason().equals(Optional.of(reason))) {
        ctx.resources().update(tx, version.get().withStatus(Status.ACTIVE, Optional.of(reason), ctx.clock().instant()));
      }
      return null;
    });
  }

  /** Records the damage in the campaign's failureReason, unless it has moved on to another version meanwhile; it stays ACTIVE. */
  public void campaignDamaged(String campaignArn, String solutionVersionArn, String reason) {
    ctx.db().write(tx -> {
      Optional<Resource> campaign = ctx.resources().find(tx, campaignArn);
      if (campaign.isPresent()
          && campaign.get().hasStatus(Status.ACTIVE)
          && campaign.get().text("solutionVersionArn").equals(Optional.of(solutionVersionArn))
          && !campaign.get().failureReason().equals(Optional.of(reason))) {
        ctx.resources().update(tx, campaign.get().withStatus(Status.ACTIVE, Optional.of(reason), ctx.clock().instant()));
      }
      return null;
    });
  }

  /** Clears what {@link #versionDamaged} or {@link #campaignDamaged} wrote, once the model loads again. */
  public void healed(String arn) {
    ctx.db().write(tx -> {
      Optional<Resource> r = ctx.resources().find(tx, arn);
      if (r.isPresent() && r.get().hasStatus(Status.ACTIVE) && r.get().failureReason().map(ModelFaults::isModelFault).orElse(false)) {
        ctx.resources().update(tx, r.get().withStatus(Status.ACTIVE, Optional.empty(), ctx.clock().instant()));
      }
      return null;
    });
  }

  /** Whether a resource's failureReason is one this class wrote. */
  public static boolean isModelFault(String failureReason) {
    return failureReason.startsWith(VERSION_PREFIX) || failureReason.startsWith(CAMPAIGN_PREFIX);
  }
}
