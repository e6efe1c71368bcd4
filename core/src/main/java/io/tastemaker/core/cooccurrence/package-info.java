/**
 * Items bought together: co-occurrence within a user's baskets (purchases close in time), the model
 * behind the ECOMMERCE "Frequently bought together" use case.
 */
package io.tastemaker.core.cooccurrence;
