/** Dataset types and Avro schemas as Amazon Personalize accepts them for custom dataset groups. */
package io.tastemaker.core.schema;
