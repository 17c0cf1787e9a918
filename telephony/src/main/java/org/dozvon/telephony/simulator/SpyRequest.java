package org.dozvon.telephony.simulator;

import org.springframework.lang.Nullable;

/**
 * A supervisor's ChanSpy originate the simulator received ({@link AmiSimulator#spies()}).
 *
 * @param channelId    the originate's {@code ChannelId}: the supervisor leg's Uniqueid
 * @param endpoint     the phone rung ({@code Channel}), e.g. {@code PJSIP/200}
 * @param spiedChannel the channel name (prefix) ChanSpy was given, the operator leg of a call
 * @param options      ChanSpy's options, e.g. {@code qEw}
 * @param spiedCallId  the Linkedid of the channel found under that name when the action arrived (the call id of
 *                     the call spied on); null when no such channel was live
 */
public record SpyRequest(String channelId, String endpoint, String spiedChannel, String options,
                         @Nullable String spiedCallId) {
}
