/**
 * aws-similar-items: item similarity from co-occurrence in user histories, shrunk towards what shared
 * categorical and textual item metadata predicts, so cold items have similar items and are ones; also
 * the model behind VIDEO_ON_DEMAND "More like X".
 */
package io.tastemaker.core.similar;
