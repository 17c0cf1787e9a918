package org.dozvon.campaigns;

/** Who calls back (the workplace's "Стандартный", "На кампанию", "На оператора"). */
public enum CallbackType {
    /** The campaign's ordinary dialling calls at the agreed time; any operator takes it. */
    STANDARD,
    /** Called ahead of the campaign's queue when due; any operator of the campaign takes it. */
    CAMPAIGN,
    /** Only the named operator takes it. */
    PERSONAL;

    public String messageKey() {
        return "callbacks.type." + name();
    }
}
