/**
 * Similar items from behaviour and metadata: aws-sims's co-occurrence neighbours fused with
 * neighbours by shared categorical item metadata, the model behind VIDEO_ON_DEMAND "More like X".
 */
package io.tastemaker.core.similar;
