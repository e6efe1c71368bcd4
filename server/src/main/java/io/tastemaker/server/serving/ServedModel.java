package io.tastemaker.server.serving;

import io.tastemaker.core.model.Recommender;

/**
 * What a campaign serves right now: its solution version and that version's loaded model.
 *
 * @param campaignArn the campaign
 * @param solutionVersionArn the version being served
 * @param model the loaded model
 */
public record ServedModel(String campaignArn, String solutionVersionArn, Recommender model) {}
