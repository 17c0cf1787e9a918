package org.dozvon.channels;

/**
 * A notification template as a picker shows it.
 *
 * @param code    how it is named when sending
 * @param name    what people read
 * @param channel the channel it is written for
 */
public record TemplateChoice(String code, String name, Channel channel) {
}
