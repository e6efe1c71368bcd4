package io.tastemaker.server.serving;

import io.tastemaker.core.model.Recommender;

/**
 * What a campaign serves right now: its solution version, that version's loaded model, the
 * campaign's settings, and the answers it has given users whose state has not changed since.
 *
 * @param campaignArn the campaign
 * @param solutionVersionArn the version being served
 * @param datasetGroupArn the group whose events reach the model
 * @param eventWatermark the last streamed event (seq) the model trained on: later ones are news to it
 * @param model the loaded model
 * @param settings the campaign's ranking influence and metadata switch (a batch job's influence)
 * @param answers GetRecommendations answers of this model and settings, dropped with them on the next deployment
 */
public record ServedModel(
    String campaignArn, String solutionVersionArn, String datasetGroupArn, long eventWatermark, Recommender model, CampaignSettings settings,
    RecommendationCache answers) {}
