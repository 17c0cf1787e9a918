/**
 * Telephony: the PBX port, its Asterisk-Java AMI adapter, the AMI simulator and the pacing algorithms.
 */
@org.springframework.lang.NonNullApi
package org.dozvon.telephony;
