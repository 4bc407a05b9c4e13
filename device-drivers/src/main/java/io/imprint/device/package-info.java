/**
 * Talks to boards over serial and USB. Knows nothing of the CA or the database.
 * The transports, the provisioning protocol and the virtual boards arrive with their own issue.
 */
package io.imprint.device;
