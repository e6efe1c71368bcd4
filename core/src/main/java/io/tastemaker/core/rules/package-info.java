/**
 * Business rules applied to a model's candidates, in the server and on Spark executors alike:
 * ranking influence by item popularity and freshness ({@link io.tastemaker.core.rules.RankingInfluence})
 * and the item signals it reads.
 */
package io.tastemaker.core.rules;
