package io.tastemaker.server.jobs;

/**
 * A unit of background work on one resource.
 *
 * @param id unique id
 * @param type the handler that runs it
 * @param targetArn the resource it works on
 * @param attempts how many times it has been started, this run included
 */
public record Job(String id, String type, String targetArn, int attempts) {}
