/**
 * Domain dataset groups (ECOMMERCE, VIDEO_ON_DEMAND): each domain's use cases, what each trains on
 * and which recipe family backs it ({@link io.tastemaker.core.domain.UseCases}), and the schema
 * requirements of each domain's datasets ({@link io.tastemaker.core.domain.DomainSchemaRules}).
 */
package io.tastemaker.core.domain;
