package io.tastemaker.server.serving;

import io.tastemaker.core.model.Recommender;
import java.util.Set;

/**
 * What a campaign or a recommender serves right now: its model (a solution version's, or the
 * recommender's latest training), the settings it answers with, and the answers it has given users
 * whose state has not changed since.
 *
 * @param campaignArn the campaign or recommender answering
 * @param solutionVersionArn what identifies the model: the solution version, or the recommender's model file
 * @param datasetGroupArn the group whose events reach the model
 * @param eventWatermark the last streamed event (seq) the model trained on: later ones are news to it
 * @param model the loaded model
 * @param settings the campaign's ranking influence and metadata switch (a batch job's influence)
 * @param answers GetRecommendations answers of this model and settings, dropped with them on the next deployment
 * @param excludedEventTypes a domain use case's automatic filter: a user's items of these event types are left out
 */
public record ServedModel(
    String campaignArn, String solutionVersionArn, String datasetGroupArn, long eventWatermark, Recommender model, CampaignSettings settings,
    RecommendationCache answers, Set<String> excludedEventTypes) {

  public ServedModel {
    excludedEventTypes = Set.copyOf(excludedEventTypes);
  }

  /** A campaign's (or a batch job's) model, which leaves nothing out by itself. */
  public ServedModel(
      String campaignArn, String solutionVersionArn, String datasetGroupArn, long eventWatermark, Recommender model, CampaignSettings settings,
      RecommendationCache answers) {
    this(campaignArn, solutionVersionArn, datasetGroupArn, eventWatermark, model, settings, answers, Set.of());
  }

  /** What answers, for messages: "the campaign ARN" or "the recommender ARN". */
  public String servedBy() {
    return (campaignArn.contains(":recommender/") ? "the recommender " : "the campaign ") + campaignArn;
  }
}
