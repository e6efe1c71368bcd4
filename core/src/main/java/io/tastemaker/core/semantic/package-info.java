/**
 * aws-semantic-similarity: similar items from the meaning of their text, as a latent semantic space
 * built from the catalogue itself (TF-IDF reduced by a seeded truncated SVD), with no pretrained
 * language model.
 */
package io.tastemaker.core.semantic;
