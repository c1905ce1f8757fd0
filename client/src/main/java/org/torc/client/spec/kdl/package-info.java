/**
 * A KDL v2 reader (https://kdl.dev). No maintained KDL v2 library is published on Maven Central
 * (kdl4j is not there), so this package holds a small parser written from the KDL 2.0 grammar, and
 * the mapping from KDL documents to torc's spec structure.
 */
package org.torc.client.spec.kdl;
